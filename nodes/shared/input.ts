import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * An error for input the user gave. It names the field and the item, so that with
 * "On Error: Continue" the error item says exactly what to fix; no request is sent.
 */
export function invalidInput(
	context: IExecuteSingleFunctions,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(context.getNode(), `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

/** A JSON field's value: a string is parsed, anything an expression already produced is kept. */
export function parseJsonField(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw invalidInput(context, field, 'is not valid JSON', (error as Error).message);
	}
}

/**
 * A text field's value as text: an expression may give a number or a boolean where the user
 * means its text; anything else that is not text is an error naming the field.
 */
export function textOf(context: IExecuteSingleFunctions, field: string, value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	throw invalidInput(context, field, `is ${kind}, not text; use an expression that gives text, e.g. {{ JSON.stringify($json.data) }}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first characters of a text on one line, for quoting in an error message. */
export function preview(text: string, length = 160): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > length ? `${line.slice(0, length)}…` : line;
}

/** A range as error messages say it: "from 1 to 2048", "of at least 0", or "any". */
export function rangeText(min?: number, max?: number): string {
	if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
	return min !== undefined ? `of at least ${min}` : 'any';
}

/** What is wrong with a value that should be a whole number in a range (wholeNumberIn). */
export const notAWholeNumber = (value: unknown, min: number, max?: number) =>
	`${JSON.stringify(value)} is not a whole number ${rangeText(min, max)}`;

/**
 * A whole number from `min` to `max`, also as text ("100", as an expression may give it);
 * undefined for anything else.
 */
export function wholeNumberIn(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

/** A yes/no value: a boolean, or the text "true" or "false" (as an expression may give it); undefined for anything else. */
export function booleanIn(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** Sets `value` at a dotted path (`input.prompt`), making the objects on the way, as lodash's `set` does for RoutingNode. */
export function setPath(target: IDataObject, path: string, value: unknown) {
	const keys = path.split('.');
	const last = keys.pop()!;
	let object = target;
	for (const key of keys) {
		const next = object[key];
		if (typeof next !== 'object' || next === null) object[key] = {};
		object = object[key] as IDataObject;
	}
	object[last] = value as IDataObject[string];
}

/** A copy of an object without some of its keys. */
export function withoutKeys<T extends object, K extends keyof T & string>(source: T, ...keys: K[]): Omit<T, K> {
	return Object.fromEntries(Object.entries(source).filter(([key]) => !(keys as string[]).includes(key))) as Omit<T, K>;
}
