import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { AdaptiveSlots, DEFAULT_MAX_CONCURRENT_REQUESTS, type Outcome } from './concurrency';
import { perRun } from './perRun';
import { apiErrorFor, UnsuccessfulAnswer } from './answers';
import { BASE_URL_HINT, baseUrlProblem } from '../baseUrl';
import { invalidInput, isPlainObject } from '../input';
import {
	decideRetry,
	DEFAULT_MAX_RETRIES,
	type FailedAttempt,
	gaveUpNote,
	rateLimitResetMs,
	type RetryDecision,
} from './retryPolicy';

type PreSendHook = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** The name of every preSend hook wrapped by withItemErrors starts with this. */
export const ON_REQUEST_PATH = 'onRequestPath';

/** Input errors found by preSend hooks, kept until sendRequest reports them for their item. */
const inputErrors = new WeakMap<object, Error>();

/**
 * Wraps a preSend hook so that its error is reported by sendRequest instead of by n8n's
 * RoutingNode, whose error items carry no pairedItem. The first error of a request wins; the
 * request is then never sent.
 */
export function withItemErrors(hook: PreSendHook): PreSendHook {
	const wrapped = async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if (inputErrors.has(requestOptions)) return requestOptions;
		try {
			return await hook.call(this, requestOptions);
		} catch (error) {
			inputErrors.set(requestOptions, error as Error);
			return requestOptions;
		}
	};
	// The name the house-rules test looks for, with the hook's own for its messages.
	return Object.defineProperty(wrapped, 'name', { value: `${ON_REQUEST_PATH}(${hook.name})` });
}

/**
 * A run's request settings (read once, from the first item, like n8n's own Request Options)
 * and its concurrency slots, which adapt to what the API admits.
 */
const runSettings = perRun((context) => {
	const settings = context.getNodeParameter('requestOptions', {}) as {
		maxConcurrentRequests?: number;
		maxRetries?: number;
	};
	return {
		slots: new AdaptiveSlots(Math.max(1, settings.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS)),
		maxRetries: Math.max(0, settings.maxRetries ?? DEFAULT_MAX_RETRIES),
	};
});

/** What the retry policy needs to know about a failed attempt: the answer, or the network error. */
function failureOf(error: unknown): FailedAttempt {
	if (error instanceof UnsuccessfulAnswer) {
		const { statusCode, headers } = error.answer;
		return { statusCode, headers };
	}
	const cause = (error as { cause?: { code?: unknown } }).cause;
	const code = cause?.code ?? (error as { code?: unknown }).code;
	return { networkCode: typeof code === 'string' ? code : undefined };
}

/** The model the request was for, to name it in the error. */
function requestedModel(requestData: DeclarativeRestApiSettings.ResultOptions): string | undefined {
	const body = requestData.options.body;
	const model = isPlainObject(body) ? body.model : undefined;
	return typeof model === 'string' && model.trim() !== '' ? model : undefined;
}

/**
 * The one error the user sees for a failed request, worded once: what the API answered (with the
 * model the request was for) or what n8n said about the connection, the item, and the attempts.
 */
function finalError(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	error: unknown,
	note: string,
): Error {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	if (error instanceof UnsuccessfulAnswer) {
		return apiErrorFor(node, error.answer, { model: requestedModel(requestData), itemIndex, note })!;
	}
	if (error instanceof NodeOperationError) return error;
	// A connection failure as n8n's request helper worded it, or an answer an operation could not
	// read. Only its words go on: the transport error behind it holds the request's headers, the
	// key among them, and not every n8n drops it when it saves an execution.
	const worded = new NodeApiError(node, error as JsonObject, { itemIndex });
	const clean = new NodeApiError(node, { message: worded.message } as JsonObject, {
		itemIndex,
		message: `${worded.message}${note}`,
		description: worded.description ?? undefined,
	});
	clean.httpCode = worded.httpCode;
	return clean;
}

/**
 * Waits before a retry; a cancelled execution ends the wait at once. (Newer n8n's `sleep`
 * takes the signal itself and clears its timer; the race keeps older ones prompt too.)
 */
async function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	signal.throwIfAborted();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

function checkBaseUrl(context: IExecutePaginationFunctions, baseUrl: unknown) {
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw invalidInput(context, 'Base URL', problem, BASE_URL_HINT);
}

/**
 * How often one item may be turned away for the node's own reach (more requests in flight than
 * the API admits, found out by the limiter) without spending a retry: a bound, so that every
 * item ends.
 */
const MAX_FREE_REFUSALS = 20;

/**
 * Sends one item's request with DigitalOcean's retry policy. Each attempt holds a concurrency
 * slot, given back whatever happens; a retry waits without one (others use it meanwhile) and
 * then goes before items not yet tried. A 429 that showed the node was sending more than the API
 * admits lowers the limit and is sent again without spending one of Max Retries.
 */
async function sendWithRetries(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { slots, maxRetries } = runSettings(context);
	const signal = context.getExecutionCancelSignal();
	let retriesDone = 0;
	let freeRefusals = 0;
	for (let attempts = 1; ; attempts++) {
		const slot = await slots.acquire(signal, { retry: attempts > 1 });
		let outcome: Outcome = 'failed';
		let decision: RetryDecision;
		try {
			const items = await context.makeRoutingRequest(requestData);
			outcome = 'answered';
			return items;
		} catch (error) {
			const failure = failureOf(error);
			if (failure.statusCode === 429) outcome = 'turned away';
			const { overreached } = slot.release(outcome);
			// With Max Retries 0 nothing is sent again, whatever turned it away.
			const free = overreached && maxRetries > 0 && freeRefusals < MAX_FREE_REFUSALS;
			decision = free
				? decideRetry(failure, freeRefusals, MAX_FREE_REFUSALS)
				: decideRetry(failure, retriesDone, maxRetries);
			if (!decision.retry || signal?.aborted) {
				throw finalError(context, requestData, error, gaveUpNote(attempts, decision));
			}
			if (free) freeRefusals += 1;
			else retriesDone += 1;
			if (outcome === 'turned away') slots.waitedAfterRefusal(decision.waitMs);
			if (outcome === 'turned away' && !overreached) {
				// Turned away alone: the API admits nothing until then (the rate-limit reset where it
				// says, which is exact, else the wait). Every slot waits, this item first in line.
				const reset = rateLimitResetMs(failure.headers, Date.now());
				slots.pause(reset !== undefined && reset > 0 ? Math.min(reset, decision.waitMs) : decision.waitMs);
				continue;
			}
		} finally {
			slot.release(outcome);
		}
		await waitUnlessAborted(decision.waitMs, signal);
	}
}

/**
 * The request wrapper every operation goes through (RoutingNode calls it as the "pagination"
 * function, the one hook that wraps a whole request). A failed item becomes an error item
 * paired with its input item when the node continues on error.
 */
export async function sendRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	try {
		const inputError = inputErrors.get(requestData.options);
		if (inputError) throw inputError;
		checkBaseUrl(this, requestData.options.baseURL);
		const items = await sendWithRetries(this, requestData);
		const pairedItem = { item: this.getItemIndex() };
		return items.map((item) => (item.pairedItem ? item : { ...item, pairedItem }));
	} catch (error) {
		const itemIndex = this.getItemIndex();
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } }];
	}
}
