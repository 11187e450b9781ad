import { isPlainObject } from '../input';

export interface Model {
	id: string;
	object?: string;
	created?: number;
	owned_by?: string;
}

/**
 * The models of a `GET /v1/models` answer whose id contains `filter` (any case), sorted by id
 * (ignoring case, independent of the server's locale).
 * Returns undefined when the answer has no model list.
 */
export function modelsMatching(body: unknown, filter = ''): Model[] | undefined {
	const data = isPlainObject(body) ? body.data : undefined;
	if (!Array.isArray(data)) return undefined;
	const needle = filter.trim().toLowerCase();
	return data
		.filter((model): model is Model => isPlainObject(model) && typeof model.id === 'string')
		.filter((model) => model.id.toLowerCase().includes(needle))
		.sort((a, b) => byLowerCase(a.id, b.id) || byLowerCase(a.id, b.id, false));
}

function byLowerCase(a: string, b: string, ignoreCase = true): number {
	const [left, right] = ignoreCase ? [a.toLowerCase(), b.toLowerCase()] : [a, b];
	return left < right ? -1 : left > right ? 1 : 0;
}
