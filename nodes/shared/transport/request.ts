import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Subject } from './answers';
import { failureError, sendWithRetries } from './attempts';
import { BatchFailure, InputBatches, NotSent, type Share } from './batches';
import { CacheWarmUp, carryPromptCacheMark } from './cacheWarmUp';
import { type FollowUps, type FollowUpStage, followUpsFor } from './followUps';
import { AdaptiveSlots, DEFAULT_MAX_CONCURRENT_REQUESTS } from './concurrency';
import { perRun } from './perRun';
import type { QuotaPacer } from './pacer';
import { authenticateWithRunCredentials, credentialKindOf, credentialPacer, runCredentials } from './runCredentials';
import { baseUrlProblem } from '../baseUrl';
import { invalidInput, isPlainObject, withoutKeys } from '../input';
import { DEFAULT_MAX_RETRIES } from './retryPolicy';

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

/** How an operation sends many items' inputs per request (sentInBatches). */
export interface Batching {
	/** The body field that holds an item's input; a batch's request holds the list of them. */
	property: string;
	/** How many inputs one request may hold, read once per run. */
	maxInputs(context: IExecuteSingleFunctions): number;
}

const batchings = new WeakMap<PreSendHook, Batching>();

/** What a marker hook (sentInBatches, followedBy) among a request's held hooks stands for, if one is there. */
function markedOn<T>(requestData: DeclarativeRestApiSettings.ResultOptions, markers: WeakMap<PreSendHook, T>): T | undefined {
	for (const hook of heldHooks.get(requestData.options) ?? []) {
		const marked = markers.get(hook);
		if (marked !== undefined) return marked;
	}
	return undefined;
}

/**
 * An operation's preSend hook that has its items' inputs sent many per request: the items of
 * a range of item indexes whose requests differ only in `property` go as one request with the
 * list of their inputs (batches.ts). The operation's postReceive must give one item per input,
 * in order: each item gets its own.
 */
export function sentInBatches(batching: Batching): PreSendHook {
	const hook = async function sentInBatches(requestOptions: IHttpRequestOptions) {
		return requestOptions;
	};
	batchings.set(hook, batching);
	return hook;
}

/** The batching of the operation this request is for, if it has one. */
const batchingOf = (requestData: DeclarativeRestApiSettings.ResultOptions) => markedOn(requestData, batchings);

const stages = new WeakMap<PreSendHook, FollowUpStage>();

/**
 * An operation's preSend hook that has `stage` run once the item's answer became items: for an
 * operation that takes more than one request (a job to wait for, files to download). Its
 * requests, waits and downloads go through the request path (followUps.ts); its items are the
 * item's output.
 */
export function followedBy(stage: FollowUpStage): PreSendHook {
	const hook = async function followedBy(requestOptions: IHttpRequestOptions) {
		return requestOptions;
	};
	stages.set(hook, stage);
	return hook;
}

/** One item of an operation whose items all go as one request (sentTogether): its context and its request as its fields built it. */
export interface Gathered {
	context: IExecutePaginationFunctions;
	requestData: DeclarativeRestApiSettings.ResultOptions;
}

/** What a gathering stage may do: send the operation's own request with the body it built, and follow-ups. */
export interface GatheringTools {
	/** The operation's request (its method, URL and postReceive) with this body: retried, in a slot, errors worded about `subject`. */
	send(body: IDataObject, subject?: Subject): Promise<INodeExecutionData[]>;
	followUps: FollowUps;
}

/**
 * Builds and sends the one request of a run's items (sentTogether) and gives each item its
 * share: its output items, or its own error. `this` is the first item's context.
 */
export type GatheringStage = (
	this: IExecuteSingleFunctions,
	members: Gathered[],
	tools: GatheringTools,
) => Promise<Share[]>;

const gatherings = new WeakMap<PreSendHook, GatheringStage>();

/**
 * An operation's preSend hook that gathers every item of the run into one request that
 * `stage` builds and sends (a batch file of all the items' requests): the items go together or,
 * when the node stops on errors, not at all; with On Error: Continue a refused item is left out.
 */
export function sentTogether(stage: GatheringStage): PreSendHook {
	const hook = async function sentTogether(requestOptions: IHttpRequestOptions) {
		return requestOptions;
	};
	gatherings.set(hook, stage);
	return hook;
}

const notRepeatable = new WeakMap<PreSendHook, string>();

/**
 * An operation's preSend hook for a request that makes something DigitalOcean charges for (a
 * fal job): it is sent again only when it was certainly not carried out (a 429, no connection),
 * never after a server error or a timeout that may have come after the API acted on it. Its
 * error then says `checkFirst` (what to check before running it again) instead of "try again".
 */
export function sentAgainOnlyIfTurnedAway(checkFirst: string): PreSendHook {
	const hook = async function sentAgainOnlyIfTurnedAway(requestOptions: IHttpRequestOptions) {
		return requestOptions;
	};
	notRepeatable.set(hook, checkFirst);
	return hook;
}

/** What requests are about where it is not a model: set by a preSend hook (concerning), read when wording an error. */
const subjects = new WeakMap<object, Subject>();

/** Says, from a preSend hook, what this request is about (a job by its ID), for the error when the API does not know it. */
export function concerning(requestOptions: IHttpRequestOptions, subject: Subject): IHttpRequestOptions {
	subjects.set(requestOptions, subject);
	return requestOptions;
}

/**
 * Builds the request when its turn comes: the held preSend hooks in order (the first error
 * stops it), then the credential's address (its Base URL, or an agent's endpoint). (Not an
 * expression in requestDefaults: RoutingNode would evaluate it twice per item in front of every
 * answer.)
 */
async function prepare(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<void> {
	let options = requestData.options as IHttpRequestOptions;
	// The item's own context: RoutingNode makes sendRequest's from the one the hooks were given.
	for (const hook of heldHooks.get(options) ?? []) options = await hook.call(context, options);
	const credentials = await runCredentials(context);
	const kind = credentialKindOf(context);
	const baseUrl = kind.addressOf(credentials);
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw invalidInput(context, kind.addressField, problem, kind.addressHint);
	runSettings(context).quota.pacer ??= credentialPacer(context.getNode(), credentials, kind);
	requestData.options = { ...options, baseURL: baseUrl };
	const subject = subjects.get(options);
	if (subject) subjects.set(requestData, subject);
	carryPromptCacheMark(options, requestData);
	await authenticateWithRunCredentials(context);
}

/**
 * A run's request settings (read once, from the first item, like n8n's own Request Options)
 * and its concurrency slots, which adapt to what the API admits, up to Max Concurrent Requests
 * where the credential's pacer keeps to the quota the API announces.
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
	const quota: { pacer?: QuotaPacer } = {};
	return {
		quota,
		// The requests not yet built still count as work waiting when the slots decide on a probe.
		slots: new AdaptiveSlots(maxConcurrent, () => builtAhead.waiting, () => quota.pacer?.governs ?? false),
		builtAhead,
		// Downloads go to other hosts (media, presigned storage): their own slots, as many.
		downloadSlots: new AdaptiveSlots(maxConcurrent),
		cacheWarmUp: new CacheWarmUp(),
		maxRetries: Math.max(0, settings.maxRetries ?? DEFAULT_MAX_RETRIES),
	};
});

/** The model the request was for (`model`, or a fal job's `model_id`), to name it in the error. */
function requestedModel(requestData: DeclarativeRestApiSettings.ResultOptions): string | undefined {
	const body = requestData.options.body;
	const model = isPlainObject(body) ? (body.model ?? body.model_id) : undefined;
	return typeof model === 'string' && model.trim() !== '' ? model : undefined;
}

/** The one error the user sees for this item's failed request (failureError). */
function finalError(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	error: unknown,
	note = '',
	hint?: string,
): Error {
	return failureError(context.getNode(), error, {
		model: requestedModel(requestData),
		subject: subjects.get(requestData),
		itemIndex: context.getItemIndex(),
		note,
		hint,
	});
}

/**
 * Builds one item's request ahead of its turn (no more of them than may be in flight) and sends
 * it with DigitalOcean's retry policy (sendWithRetries); then runs the operation's follow-up
 * stage, if it has one (followedBy), with the same slots and retries.
 */
async function sendAlone(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { slots, builtAhead, downloadSlots, maxRetries, cacheWarmUp } = runSettings(context);
	const signal = context.getExecutionCancelSignal();
	const ahead = await builtAhead.acquire(signal);
	// Looked up before prepare(), which makes the request options anew.
	const stage = markedOn(requestData, stages);
	const checkFirst = markedOn(requestData, notRepeatable);
	try {
		await prepare(context, requestData);
		const cacheTurn = await cacheWarmUp.turnOf(requestData, requestData.options.body as IDataObject);
		const items = await sendWithRetries(() => context.makeRoutingRequest(requestData), {
			slots,
			maxRetries,
			signal,
			onFirstSlot: () => ahead.release('not sent'),
			giveUp: (failure, note, decision) =>
				finalError(context, requestData, failure, note, !decision.retry && decision.reason === 'may have been carried out' ? checkFirst : undefined),
			onlyIfTurnedAway: checkFirst !== undefined,
		}).finally(() => cacheTurn.done());
		if (!stage) return items;
		const followUps = followUpsFor(context, requestData.options as IHttpRequestOptions, { slots, downloadSlots, maxRetries, signal });
		return await stage.call(context, items, followUps);
	} catch (error) {
		throw finalError(context, requestData, error);
	} finally {
		ahead.release('not sent');
	}
}

/** An item of an operation that sends many inputs per request, waiting in its batch. */
interface BatchMember {
	context: IExecutePaginationFunctions;
	requestData: DeclarativeRestApiSettings.ResultOptions;
	property: string;
}

/** The request of a batch's first member, with every member's input in its place. */
function batchRequest(members: BatchMember[]): DeclarativeRestApiSettings.ResultOptions {
	const [{ requestData, property }] = members;
	const inputs = members.map((member) => (member.requestData.options.body as IDataObject)[property]);
	const body = { ...(requestData.options.body as IDataObject), [property]: inputs };
	return { ...requestData, options: { ...requestData.options, body } };
}

/** What the members of one batch have in common: their request without their input. */
function batchKey({ requestData, property }: BatchMember): string {
	const rest = withoutKeys(requestData.options.body as IDataObject, property);
	return JSON.stringify([requestData.options.method, requestData.options.url, rest]);
}

/**
 * Sends a batch's request for its first member: one item per input comes back, in order. Any
 * failure reaches every member as a BatchFailure that names the items the request was for.
 */
async function sendBatch(members: BatchMember[]): Promise<Share[]> {
	const [{ context }] = members;
	const itemIndexes = members.map((member) => member.context.getItemIndex());
	const failed = (failure: unknown, note = ''): Share[] =>
		members.map(() => ({ ok: false, error: new BatchFailure(failure, note, itemIndexes) }));
	const { slots, maxRetries } = runSettings(context);
	const requestData = batchRequest(members);
	let items: INodeExecutionData[];
	try {
		items = await sendWithRetries(() => context.makeRoutingRequest(requestData), {
			slots,
			maxRetries,
			signal: context.getExecutionCancelSignal(),
			giveUp: (failure, note) => new BatchFailure(failure, note, itemIndexes),
		});
	} catch (error) {
		return error instanceof BatchFailure ? members.map(() => ({ ok: false, error })) : failed(error);
	}
	if (items.length === members.length) return items.map((value) => ({ ok: true, value }));
	const mismatch = new NodeApiError(context.getNode(), { results: items.length } as JsonObject, {
		message: `The API answered with ${items.length} results for ${members.length} inputs`,
		description: 'Each input must get one result: try again, or set a smaller Batch Size.',
	});
	return failed(mismatch);
}

/** A run's batches, one set per operation's batching (a run has one operation). */
const runBatches = perRun(() => new Map<Batching, InputBatches<BatchMember>>());

function batchesFor(context: IExecutePaginationFunctions, batching: Batching): InputBatches<BatchMember> {
	const batches = runBatches(context);
	let forBatching = batches.get(batching);
	if (!forBatching) {
		const maxInputs = Math.max(1, Math.floor(batching.maxInputs(context)) || 1);
		forBatching = new InputBatches(maxInputs, sendBatch, batchKey);
		batches.set(batching, forBatching);
	}
	return forBatching;
}

/**
 * Sends one item of an operation whose inputs go many per request: the item's request is
 * built, then waits in its batch (batches.ts) for its share of the answer, or the batch's
 * error, worded for this item with the items it shared the request with.
 */
async function sendInBatch(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	batching: Batching,
): Promise<INodeExecutionData[]> {
	const place = batchesFor(context, batching).enter(context.getItemIndex());
	try {
		await prepare(context, requestData);
	} catch (error) {
		place.leave();
		throw finalError(context, requestData, error);
	}
	try {
		return [(await place.join({ context, requestData, property: batching.property })) as INodeExecutionData];
	} catch (error) {
		if (!(error instanceof BatchFailure)) throw finalError(context, requestData, error);
		const shared = error.itemIndexes.length > 1 ? ` (one request for items ${error.items})` : '';
		throw finalError(context, requestData, error.failure, `${error.note}${shared}`);
	}
}

/** The items of one try of a run, gathered: one range holding every item (they all arrive in RoutingNode's first pass), and how many entered. */
interface Gathering {
	entered: number;
	items: InputBatches<Gathered>;
}

/** A run's gathering under way; a new one starts once it is sent (n8n's Retry On Fail runs the node again on the same run data). */
const runGathering = perRun(() => ({ current: undefined as Gathering | undefined }));

/** How many items RoutingNode runs: all the input's, or the first only with the node's Execute Once setting. */
function itemsRun(context: IExecutePaginationFunctions): number {
	const inputs = context.getExecuteData().data.main?.[0]?.length ?? 0;
	return context.getNode().executeOnce ? Math.min(1, inputs) : inputs;
}

/**
 * Sends the gathered items' one request (sentTogether). Under "On Error: Stop", an item
 * missing from the gathering means RoutingNode has already failed the node on it: nothing is
 * sent, and the others end quietly (no one reads them). A failure of the whole request reaches
 * every item as a BatchFailure naming the items.
 */
async function sendGatheredGroup(stage: GatheringStage, members: Gathered[], entered: number): Promise<Share[]> {
	const [{ context }] = members;
	if (!context.continueOnFail() && entered < itemsRun(context)) return members.map(() => ({ ok: true, value: [] }));
	const itemIndexes = members.map((member) => member.context.getItemIndex());
	const { slots, downloadSlots, maxRetries } = runSettings(context);
	const signal = context.getExecutionCancelSignal();
	const [{ requestData }] = members;
	const tools: GatheringTools = {
		send: async (body, subject) =>
			await sendWithRetries(() => context.makeRoutingRequest({ ...requestData, options: { ...requestData.options, body } }), {
				slots,
				maxRetries,
				signal,
				giveUp: (failure: unknown, note: string) => new BatchFailure(failure, note, itemIndexes, subject),
			}),
		followUps: followUpsFor(context, requestData.options as IHttpRequestOptions, { slots, downloadSlots, maxRetries, signal }),
	};
	try {
		return await stage.call(context, members, tools);
	} catch (error) {
		const failure = error instanceof BatchFailure ? error : new BatchFailure(error, '', itemIndexes);
		return members.map(() => ({ ok: false, error: failure }));
	}
}

/** Sends one item of an operation whose items go as one request: built, then waiting for the others and its share. */
async function sendGathered(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	stage: GatheringStage,
): Promise<INodeExecutionData[]> {
	const run = runGathering(context);
	if (!run.current) {
		const gathering: Gathering = {
			entered: 0,
			items: new InputBatches<Gathered>(
				Number.MAX_SAFE_INTEGER,
				async (members) => {
					if (run.current === gathering) run.current = undefined;
					return await sendGatheredGroup(stage, members, gathering.entered);
				},
				() => '',
			),
		};
		run.current = gathering;
	}
	run.current.entered += 1;
	const place = run.current.items.enter(context.getItemIndex());
	try {
		await prepare(context, requestData);
	} catch (error) {
		place.leave(!context.continueOnFail());
		throw finalError(context, requestData, error);
	}
	try {
		return (await place.join({ context, requestData })) as INodeExecutionData[];
	} catch (error) {
		// The node fails on the refused item (RoutingNode reports the first failed item): the others end without output.
		if (error instanceof NotSent) return [];
		if (!(error instanceof BatchFailure)) throw finalError(context, requestData, error);
		const shared = error.itemIndexes.length > 1 ? ` (one request for items ${error.items})` : '';
		// About what the stage sent (a batch), not the model of the item's own fields.
		throw failureError(context.getNode(), error.failure, { subject: error.subject, itemIndex: context.getItemIndex(), note: `${error.note}${shared}` });
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
		const batching = batchingOf(requestData);
		const gathering = markedOn(requestData, gatherings);
		const items = gathering
			? await sendGathered(this, requestData, gathering)
			: batching
				? await sendInBatch(this, requestData, batching)
				: await sendAlone(this, requestData);
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
