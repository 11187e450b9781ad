import type {
	IExecuteSingleFunctions,
	INode,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { runCredentials } from './runCredentials';
import { withoutSecret } from './secrets';
import { isPlainObject, preview } from '../input';

export interface ErrorWording {
	message: string;
	hint: string;
}

/** What a request without a model was about (a job by its ID), for a 404: what was not found and what to check. */
export interface Subject {
	name: string;
	notFoundHint: string;
	/** What a 409 means for it (a batch that can no longer be cancelled), where the API uses one. */
	conflict?: ErrorWording;
	/** Its own words for a failed status (an agent's), in place of the inference API's; undefined for the usual ones. */
	failureOf?(statusCode: number): ErrorWording | undefined;
	/** What to check when a page or other text answered instead of it. */
	wrongAddressHint?: string;
}

/**
 * What to tell the user about a failed request: what happened (message) and how to fix it
 * (hint). `model` is named where the request was about one, `subject` where it was about
 * something else the API keeps.
 */
export function describeFailure(statusCode: number, model?: string, subject?: Subject): ErrorWording {
	const forModel = model ? ` for model "${model}"` : '';
	if (statusCode === 401) {
		return {
			message: 'The model access key was rejected',
			hint: 'Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.',
		};
	}
	if (statusCode === 403) {
		return {
			message: `The model access key is not allowed to make this request${forModel}`,
			hint: 'A model access key can be limited to some models, may not have batch inference enabled, and when restricted to a VPC network works only from inside that VPC: check the key in the DigitalOcean control panel (Inference → Manage). Its scope and VPC cannot be changed after creation: create a key with the access this request needs.',
		};
	}
	if (statusCode === 404) {
		if (subject && !model) return { message: `${subject.name} was not found`, hint: subject.notFoundHint };
		return model
			? {
					message: `Model "${model}" was not found`,
					hint: 'Pick a model from the list, or check the model ID.',
				}
			: {
					message: 'The API endpoint was not found',
					hint: 'Check the Base URL in the DigitalOcean Gradient credential.',
				};
	}
	if (statusCode === 400 || statusCode === 422) {
		return {
			message: `The API rejected the request${forModel} as invalid`,
			hint: 'Check the model ID and the options you set: some models do not accept every option.',
		};
	}
	if (statusCode === 409 && subject?.conflict && !model) return subject.conflict;
	if (statusCode === 408) {
		return {
			message: `The API timed out waiting for the request${forModel}`,
			hint: 'This is usually temporary: try again in a moment.',
		};
	}
	if (statusCode === 413) {
		return {
			message: `The request is too large for the API${forModel}`,
			hint: 'Send less in one request: a shorter prompt or conversation, fewer or smaller tools, or for embeddings fewer or shorter texts (a smaller Batch Size).',
		};
	}
	if (statusCode === 429) {
		return {
			message: 'Rate limit reached: DigitalOcean is receiving too many requests from this key',
			hint: 'Wait a moment and try again, or send fewer requests at once.',
		};
	}
	if (statusCode >= 500) {
		return {
			message: `DigitalOcean's inference service failed (HTTP ${statusCode})`,
			hint: 'This is usually temporary: try again in a moment.',
		};
	}
	return {
		message: `The API answered with HTTP ${statusCode}${forModel}`,
		hint: 'Check the model ID and the options you set.',
	};
}

/** The API's own words in a JSON error body: `error.message`, `message` or `id`. */
export function apiMessageOf(body: unknown): string | undefined {
	if (!isPlainObject(body)) return undefined;
	const nested = isPlainObject(body.error) ? body.error.message : undefined;
	const found = [nested, body.message, body.id, body.error].find(
		(candidate) => typeof candidate === 'string' && candidate.trim() !== '',
	);
	return found as string | undefined;
}

/** What to do about an answer in a shape DigitalOcean's API does not give: the Base URL points elsewhere. */
export const ANSWERS_AS_THE_API_HINT =
	'Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a proxy that answers as it does';

/** JSON that is not an object (a list, a number, true or false): what some proxies answer where the API answers an object. */
const isOtherJson = (body: unknown): body is unknown[] | number | boolean => Array.isArray(body) || typeof body === 'number' || typeof body === 'boolean';

/** What JSON that is not an object is, in words: "a list of 2 entries", "the number 42", "the value true". */
function jsonShapeOf(body: unknown[] | number | boolean): string {
	if (Array.isArray(body)) return body.length === 0 ? 'an empty list' : `a list of ${body.length} ${body.length === 1 ? 'entry' : 'entries'}`;
	return typeof body === 'number' ? `the number ${body}` : `the value ${String(body)}`;
}

/** What the response said, for the error description, whether it was JSON or not. */
function responseSummary(body: unknown): string | undefined {
	if (isPlainObject(body)) {
		const apiMessage = apiMessageOf(body);
		return apiMessage && `DigitalOcean said: ${apiMessage}`;
	}
	if (isOtherJson(body)) return `It reads: ${preview(JSON.stringify(body))}`;
	if (typeof body === 'string' && body.trim() !== '') {
		return `The response was not JSON: "${preview(body)}"`;
	}
	return 'The response was empty';
}

function errorResponseOf(body: unknown): JsonObject {
	if (isPlainObject(body)) return body as JsonObject;
	return { body: typeof body === 'string' ? preview(body) : isOtherJson(body) ? preview(JSON.stringify(body)) : '' };
}

function joinSentences(...parts: Array<string | undefined>): string {
	return parts
		.filter((part): part is string => !!part)
		.map((part) => (/[.!?…"]$/.test(part) ? part : `${part}.`))
		.join(' ');
}

/**
 * An error in place of an answer, which some gateways send with a 2xx status: OpenAI's or
 * Anthropic's `{error: {message}}`, `{error: "…"}` (not a job's status, which carries one too),
 * or DigitalOcean's own `{id, message}`.
 */
function isErrorBody(body: unknown): boolean {
	if (!isPlainObject(body)) return false;
	if (isPlainObject(body.error) && typeof body.error.message === 'string') return true;
	if (typeof body.error === 'string' && body.error !== '' && !('status' in body)) return true;
	const keys = Object.keys(body);
	return keys.length === 2 && typeof body.id === 'string' && typeof body.message === 'string';
}

/**
 * A 2xx answer with a JSON object body that is not an error: the only kind the operations read,
 * but for a bare JSON list where the operation takes one (`listAllowed`).
 */
function isGoodAnswer({ statusCode, body }: Pick<IN8nHttpFullResponse, 'statusCode' | 'body'>, listAllowed = false): boolean {
	if (statusCode < 200 || statusCode >= 300) return false;
	return (isPlainObject(body) && !isErrorBody(body)) || (listAllowed && Array.isArray(body));
}

/** A page from a web server rather than an API's answer. */
const isWebPage = (body: unknown) => typeof body === 'string' && /^\s*</.test(body);

/** An answer as the request path sees it. */
export type Answer = Pick<IN8nHttpFullResponse, 'statusCode' | 'body'> & Partial<Pick<IN8nHttpFullResponse, 'headers'>>;

/** An error from what an answer said, the API's own words kept in `errorResponse`. */
export function answerError(
	node: INode,
	body: unknown,
	wording: { message: string; description?: string; httpCode?: number; itemIndex?: number },
): NodeApiError {
	const { message, description, httpCode, itemIndex } = wording;
	return new NodeApiError(node, errorResponseOf(body), {
		message,
		description,
		httpCode: httpCode === undefined ? undefined : String(httpCode),
		itemIndex,
	});
}

/**
 * The error for an unsuccessful or unreadable answer, or undefined for a good one. The one
 * place where the API's answers become errors: the request path, the Model picker and the Chat
 * Model use it. `model` is the one the request was for; `note` ends the message (the attempts);
 * `hint` replaces the usual advice for a failed status; `listAllowed` accepts a bare JSON list.
 */
export function apiErrorFor(
	node: INode,
	{ statusCode, body }: Answer,
	{
		model,
		subject,
		itemIndex,
		note = '',
		hint: insteadOfHint,
		listAllowed = false,
	}: { model?: string; subject?: Subject; itemIndex?: number; note?: string; hint?: string; listAllowed?: boolean } = {},
): NodeApiError | undefined {
	if (isGoodAnswer({ statusCode, body }, listAllowed)) return undefined;
	const summary = responseSummary(body);
	if (statusCode >= 200 && statusCode < 300) {
		if (isErrorBody(body)) {
			return answerError(node, body, {
				message: `The API answered with an error${model ? ` for model "${model}"` : ''}${note}`,
				description: joinSentences(summary, 'Check the model ID and the options you set'),
				httpCode: statusCode,
				itemIndex,
			});
		}
		if (isOtherJson(body)) {
			return answerError(node, body, {
				message: `The API answered with ${jsonShapeOf(body)} where an object was expected${note}`,
				description: joinSentences(summary, subject?.wrongAddressHint ?? ANSWERS_AS_THE_API_HINT),
				httpCode: statusCode,
				itemIndex,
			});
		}
		return answerError(node, body, {
			message: `The API returned a response that is not JSON${note}`,
			description: joinSentences(
				summary,
				isWebPage(body)
					? (subject?.wrongAddressHint ?? 'Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a compatible proxy')
					: 'The answer was cut off or garbled on its way: try again',
			),
			httpCode: statusCode,
			itemIndex,
		});
	}
	// Only the API itself answers in JSON: a page from anything else means a wrong address, not a wrong model.
	const fromApi = isPlainObject(body);
	const { message, hint } = subject?.failureOf?.(statusCode) ?? describeFailure(statusCode, fromApi ? model : undefined, fromApi ? subject : undefined);
	return answerError(node, body, {
		message: `${message}${note}`,
		description: joinSentences(summary, insteadOfHint ?? hint),
		httpCode: statusCode,
		itemIndex,
	});
}

/**
 * Thrown for an answer the operations cannot read, so that the request path decides on a retry
 * from its status and headers and words the error once (apiErrorFor).
 */
export class UnsuccessfulAnswer extends Error {
	constructor(readonly answer: Answer) {
		super(`The API answered with HTTP ${answer.statusCode}`);
	}
}

/** The run's key (the model access key, or an agent's endpoint access key), read once: what answers must not carry on. */
const runSecret = async (context: IExecuteSingleFunctions) => (await runCredentials(context)).apiKey;

async function checkAnswer(
	context: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
	listAllowed: boolean,
): Promise<INodeExecutionData[]> {
	const secret = await runSecret(context);
	const body = withoutSecret(response.body, secret);
	const quotedKey = body !== response.body;
	if (isGoodAnswer({ statusCode: response.statusCode, body }, listAllowed)) {
		// Headers too: an operation may put one on the item (a router's route).
		response.headers = withoutSecret(response.headers, secret);
		if (!quotedKey) return items;
		response.body = body;
		return withoutSecret(items, secret);
	}
	throw new UnsuccessfulAnswer({ statusCode: response.statusCode, body, headers: withoutSecret(response.headers, secret) });
}

/**
 * postReceive first for every operation: requests are sent with `ignoreHttpStatusErrors`, so
 * every answer arrives here. The key is hidden wherever the answer quotes it, before anything
 * else reads it; only a successful JSON answer reaches the operation.
 */
export async function rejectUnsuccessfulAnswer(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return await checkAnswer(this, items, response, false);
}

/** rejectUnsuccessfulAnswer for an operation that also reads a bare JSON list (a compatible proxy's model list). */
export async function rejectUnsuccessfulAnswerOrList(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return await checkAnswer(this, items, response, true);
}
