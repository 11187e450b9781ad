import type { INode } from 'n8n-workflow';

import { isPlainObject, preview } from '../input';
import { ANSWERS_AS_THE_API_HINT, answerError } from '../transport/answers';

export interface Model {
	id: string;
	object?: string;
	created?: number;
	owned_by?: string;
}

/** The entries of a `GET /v1/models` answer: its `data`, or the answer itself where it is a bare list (some compatible proxies). */
function entriesOf(body: unknown): unknown[] | undefined {
	if (Array.isArray(body)) return body;
	return isPlainObject(body) && Array.isArray(body.data) ? body.data : undefined;
}

const hasId = (entry: unknown): entry is Model => isPlainObject(entry) && typeof entry.id === 'string' && entry.id.trim() !== '';

/**
 * The models of a successful `GET /v1/models` answer (an object or a list) whose ID contains
 * `filter` (any case), sorted by ID (ignoring case, independent of the server's locale). An
 * object without a model list, or entries that have no ID, are an error that says what the
 * answer held instead: nothing is left out silently.
 */
export function modelsIn(node: INode, body: unknown, { filter = '', itemIndex }: { filter?: string; itemIndex?: number } = {}): Model[] {
	const entries = entriesOf(body);
	if (!entries) {
		const keys = isPlainObject(body) ? Object.keys(body).join(', ') : '';
		throw answerError(node, body, {
			message: `The API answered without a list of models, with an object without a "data" list (its keys: ${keys || 'none'})`,
			description: `${ANSWERS_AS_THE_API_HINT}.`,
			itemIndex,
		});
	}
	const withoutId = entries.filter((entry) => !hasId(entry));
	if (withoutId.length > 0) {
		throw answerError(node, { entries: entries.length, withoutId: withoutId.length }, {
			message: `${withoutId.length} of the ${entries.length} entries of the model list have no ID`,
			description: `The first reads: ${preview(JSON.stringify(withoutId[0]))}. Each model needs an "id". ${ANSWERS_AS_THE_API_HINT}.`,
			itemIndex,
		});
	}
	const needle = filter.trim().toLowerCase();
	return (entries as Model[])
		.filter((model) => model.id.toLowerCase().includes(needle))
		.sort((a, b) => byLowerCase(a.id, b.id) || byLowerCase(a.id, b.id, false));
}

function byLowerCase(a: string, b: string, ignoreCase = true): number {
	const [left, right] = ignoreCase ? [a.toLowerCase(), b.toLowerCase()] : [a, b];
	return left < right ? -1 : left > right ? 1 : 0;
}
