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
import { authenticateWithRunCredentials, runCredentials } from './runCredentials';
import { apiErrorFor, UnsuccessfulAnswer } from './answers';
import { BASE_URL_HINT, baseUrlProblem, normalBaseUrl } from '../baseUrl';
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

/** The name of every preSend hook put on the request path (onRequestPath) starts with this. */
export const ON_REQUEST_PATH = 'onRequestPath';

/** Each request's preSend hooks, in order, held until the request is sent (onRequestPath). */
const heldHooks = new WeakMap<object, PreSendHook[]>();

/**
 * Puts a preSend hook on the request path: it runs in sendRequest when its request's turn comes,
 * not when n8n's RoutingNode prepares the item. RoutingNode prepares every item before the
 * first request can leave, so work done there waits in front of every answer; done at the
 * request's turn, it overlaps with the waits of the requests in flight. Its error is reported
 * by sendRequest for its item (RoutingNode's own error items carry no pairedItem), and then
 * nothing is sent.
 */
export function onRequestPath(hook: PreSendHook): PreSendHook {
	const held = async function (requestOptions: IHttpRequestOptions) {
		const hooks = heldHooks.get(requestOptions);
		if (hooks) hooks.push(hook);
		else heldHooks.set(requestOptions, [hook]);
		return requestOptions;
	};
	// The name the house-rules test looks for, with the hook's own for its messages.
	return Object.defineProperty(held, 'name', { value: `${ON_REQUEST_PATH}(${hook.name})` });
}

/**
 * Builds the request when its turn comes: the held preSend hooks in order (the first error
 * stops it), then the credential's Base URL. (Not an expression in requestDefaults: RoutingNode
 * would evaluate it twice per item in front of every answer.)
 */
async function prepare(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<void> {
	let options = requestData.options as IHttpRequestOptions;
	// The item's own context: RoutingNode makes sendRequest's from the one the hooks were given.
	for (const hook of heldHooks.get(options) ?? []) options = await hook.call(context, options);
	const baseUrl = normalBaseUrl((await runCredentials(context)).baseUrl);
	checkBaseUrl(context, baseUrl);
	requestData.options = { ...options, baseURL: baseUrl };
	await authenticateWithRunCredentials(context);
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
	const maxConcurrent = Math.max(1, settings.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
	// Requests built ahead of their slot, no more than may be in flight: each is ready when a
	// slot frees, and was built while the others waited for their answers.
	const builtAhead = new AdaptiveSlots(maxConcurrent);
	return {
		// The requests not yet built still count as work waiting when the slots decide on a probe.
		slots: new AdaptiveSlots(maxConcurrent, () => builtAhead.waiting),
		builtAhead,
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
 * Builds one item's request ahead of its turn (no more of them than may be in flight) and sends
 * it with DigitalOcean's retry policy. Each attempt holds a concurrency
 * slot, given back whatever happens; a retry waits without one (others use it meanwhile) and
 * then goes before items not yet tried. A 429 that showed the node was sending more than the API
 * admits lowers the limit and is sent again without spending one of Max Retries.
 */
async function sendWithRetries(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { slots, builtAhead, maxRetries } = runSettings(context);
	const signal = context.getExecutionCancelSignal();
	const ahead = await builtAhead.acquire(signal);
	try {
		await prepare(context, requestData);
		let retriesDone = 0;
		let freeRefusals = 0;
		for (let attempts = 1; ; attempts++) {
			const slot = await slots.acquire(signal, { retry: attempts > 1 });
			ahead.release('not sent');
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
	} finally {
		ahead.release('not sent');
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
