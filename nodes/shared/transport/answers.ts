import type {
	IExecuteSingleFunctions,
	INode,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isPlainObject, preview } from '../input';

interface ErrorWording {
	message: string;
	hint: string;
}

/**
 * What to tell the user about a failed request: what happened (message) and how to fix it
 * (hint). `model` is named where the request was about one.
 */
export function describeFailure(statusCode: number, model?: string): ErrorWording {
	const forModel = model ? ` for model "${model}"` : '';
	if (statusCode === 401) {
		return {
			message: 'The model access key was rejected',
			hint: 'Check the Model Access Key in the DigitalOcean Gradient credential.',
		};
	}
	if (statusCode === 403) {
		return {
			message: `The model access key is not allowed to make this request${forModel}`,
			hint: 'A model access key can be limited to some models: check its scope in the DigitalOcean control panel.',
		};
	}
	if (statusCode === 404) {
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
		message: `The API answered with HTTP ${statusCode}`,
		hint: 'Check the Base URL in the DigitalOcean Gradient credential.',
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

/** What the response said, for the error description, whether it was JSON or not. */
function responseSummary(body: unknown): string | undefined {
	if (isPlainObject(body)) {
		const apiMessage = apiMessageOf(body);
		return apiMessage && `DigitalOcean said: ${apiMessage}`;
	}
	if (typeof body === 'string' && body.trim() !== '') {
		return `The response was not JSON: "${preview(body)}"`;
	}
	return 'The response was empty';
}

/** The model a chat request was for, to name it in errors. */
function requestedModel(context: IExecuteSingleFunctions): string | undefined {
	if (context.getNodeParameter('operation', '') !== 'chatCompletion') return undefined;
	const model = context.getNodeParameter('model', '', { extractValue: true });
	return typeof model === 'string' && model !== '' ? model : undefined;
}

function errorResponseOf(body: unknown): JsonObject {
	return (isPlainObject(body) ? body : { body: typeof body === 'string' ? preview(body) : '' }) as JsonObject;
}

function joinSentences(...parts: Array<string | undefined>): string {
	return parts
		.filter((part): part is string => !!part)
		.map((part) => (/[.!?…"]$/.test(part) ? part : `${part}.`))
		.join(' ');
}

/** A 2xx answer with a JSON object body: the only kind the operations read. */
function isGoodAnswer({ statusCode, body }: Pick<IN8nHttpFullResponse, 'statusCode' | 'body'>): boolean {
	return statusCode >= 200 && statusCode < 300 && isPlainObject(body);
}

/**
 * The error for an unsuccessful or unreadable answer, or undefined for a good one. The one
 * place where the API's answers become errors: the operations and the Model picker use it.
 */
export function apiErrorFor(
	node: INode,
	{ statusCode, body }: Pick<IN8nHttpFullResponse, 'statusCode' | 'body'>,
	{ model, itemIndex }: { model?: string; itemIndex?: number } = {},
): NodeApiError | undefined {
	if (isGoodAnswer({ statusCode, body })) return undefined;
	const succeeded = statusCode >= 200 && statusCode < 300;

	const summary = responseSummary(body);
	if (succeeded) {
		return new NodeApiError(node, errorResponseOf(body), {
			message: 'The API returned a response that is not JSON',
			description: joinSentences(
				summary,
				'Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a compatible proxy',
			),
			httpCode: String(statusCode),
			itemIndex,
		});
	}
	// Only the API itself answers in JSON: a page from anything else means a wrong address, not a wrong model.
	const { message, hint } = describeFailure(statusCode, isPlainObject(body) ? model : undefined);
	return new NodeApiError(node, errorResponseOf(body), {
		message,
		description: joinSentences(summary, hint),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** The answer behind each API error, for the retry policy (status and headers). */
const answers = new WeakMap<Error, Pick<IN8nHttpFullResponse, 'statusCode' | 'headers'>>();

export function answerBehind(error: unknown) {
	return error instanceof Error ? answers.get(error) : undefined;
}

/**
 * postReceive for every operation: requests are sent with `ignoreHttpStatusErrors`, so that
 * errors are worded here with the API's own message.
 */
export async function throwOnApiError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	// The common case first: no parameter is read for a good answer.
	if (isGoodAnswer(response)) return items;
	const error = apiErrorFor(this.getNode(), response, {
		model: requestedModel(this),
		itemIndex: this.getItemIndex(),
	});
	if (error) {
		answers.set(error, { statusCode: response.statusCode, headers: response.headers });
		throw error;
	}
	return items;
}
