"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ON_REQUEST_PATH = void 0;
exports.onRequestPath = onRequestPath;
exports.sentInBatches = sentInBatches;
exports.followedBy = followedBy;
exports.sentTogether = sentTogether;
exports.sentAgainOnlyIfTurnedAway = sentAgainOnlyIfTurnedAway;
exports.concerning = concerning;
exports.sendRequest = sendRequest;
const n8n_workflow_1 = require("n8n-workflow");
const attempts_1 = require("./attempts");
const batches_1 = require("./batches");
const followUps_1 = require("./followUps");
const concurrency_1 = require("./concurrency");
const perRun_1 = require("./perRun");
const runCredentials_1 = require("./runCredentials");
const baseUrl_1 = require("../baseUrl");
const input_1 = require("../input");
const retryPolicy_1 = require("./retryPolicy");
exports.ON_REQUEST_PATH = 'onRequestPath';
const heldHooks = new WeakMap();
function onRequestPath(hook) {
    const held = async function (requestOptions) {
        const hooks = heldHooks.get(requestOptions);
        if (hooks)
            hooks.push(hook);
        else
            heldHooks.set(requestOptions, [hook]);
        return requestOptions;
    };
    return Object.defineProperty(held, 'name', { value: `${exports.ON_REQUEST_PATH}(${hook.name})` });
}
const batchings = new WeakMap();
function markedOn(requestData, markers) {
    for (const hook of heldHooks.get(requestData.options) ?? []) {
        const marked = markers.get(hook);
        if (marked !== undefined)
            return marked;
    }
    return undefined;
}
function sentInBatches(batching) {
    const hook = async function sentInBatches(requestOptions) {
        return requestOptions;
    };
    batchings.set(hook, batching);
    return hook;
}
const batchingOf = (requestData) => markedOn(requestData, batchings);
const stages = new WeakMap();
function followedBy(stage) {
    const hook = async function followedBy(requestOptions) {
        return requestOptions;
    };
    stages.set(hook, stage);
    return hook;
}
const gatherings = new WeakMap();
function sentTogether(stage) {
    const hook = async function sentTogether(requestOptions) {
        return requestOptions;
    };
    gatherings.set(hook, stage);
    return hook;
}
const notRepeatable = new WeakMap();
function sentAgainOnlyIfTurnedAway(checkFirst) {
    const hook = async function sentAgainOnlyIfTurnedAway(requestOptions) {
        return requestOptions;
    };
    notRepeatable.set(hook, checkFirst);
    return hook;
}
const subjects = new WeakMap();
function concerning(requestOptions, subject) {
    subjects.set(requestOptions, subject);
    return requestOptions;
}
async function prepare(context, requestData) {
    let options = requestData.options;
    for (const hook of heldHooks.get(options) ?? [])
        options = await hook.call(context, options);
    const credentials = await (0, runCredentials_1.runCredentials)(context);
    const baseUrl = (0, baseUrl_1.normalBaseUrl)(credentials.baseUrl);
    checkBaseUrl(context, baseUrl);
    runSettings(context).quota.pacer ??= (0, runCredentials_1.credentialPacer)(context.getNode(), credentials);
    requestData.options = { ...options, baseURL: baseUrl };
    const subject = subjects.get(options);
    if (subject)
        subjects.set(requestData, subject);
    await (0, runCredentials_1.authenticateWithRunCredentials)(context);
}
const runSettings = (0, perRun_1.perRun)((context) => {
    const settings = context.getNodeParameter('requestOptions', {});
    const maxConcurrent = Math.max(1, settings.maxConcurrentRequests ?? concurrency_1.DEFAULT_MAX_CONCURRENT_REQUESTS);
    const builtAhead = new concurrency_1.AdaptiveSlots(maxConcurrent);
    const quota = {};
    return {
        quota,
        slots: new concurrency_1.AdaptiveSlots(maxConcurrent, () => builtAhead.waiting, () => quota.pacer?.governs ?? false),
        builtAhead,
        downloadSlots: new concurrency_1.AdaptiveSlots(maxConcurrent),
        maxRetries: Math.max(0, settings.maxRetries ?? retryPolicy_1.DEFAULT_MAX_RETRIES),
    };
});
function requestedModel(requestData) {
    const body = requestData.options.body;
    const model = (0, input_1.isPlainObject)(body) ? (body.model ?? body.model_id) : undefined;
    return typeof model === 'string' && model.trim() !== '' ? model : undefined;
}
function finalError(context, requestData, error, note = '', hint) {
    return (0, attempts_1.failureError)(context.getNode(), error, {
        model: requestedModel(requestData),
        subject: subjects.get(requestData),
        itemIndex: context.getItemIndex(),
        note,
        hint,
    });
}
function checkBaseUrl(context, baseUrl) {
    const problem = (0, baseUrl_1.baseUrlProblem)(baseUrl);
    if (problem)
        throw (0, input_1.invalidInput)(context, 'Base URL', problem, baseUrl_1.BASE_URL_HINT);
}
async function sendAlone(context, requestData) {
    const { slots, builtAhead, downloadSlots, maxRetries } = runSettings(context);
    const signal = context.getExecutionCancelSignal();
    const ahead = await builtAhead.acquire(signal);
    const stage = markedOn(requestData, stages);
    const checkFirst = markedOn(requestData, notRepeatable);
    try {
        await prepare(context, requestData);
        const items = await (0, attempts_1.sendWithRetries)(() => context.makeRoutingRequest(requestData), {
            slots,
            maxRetries,
            signal,
            onFirstSlot: () => ahead.release('not sent'),
            giveUp: (failure, note, decision) => finalError(context, requestData, failure, note, !decision.retry && decision.reason === 'may have been carried out' ? checkFirst : undefined),
            onlyIfTurnedAway: checkFirst !== undefined,
        });
        if (!stage)
            return items;
        const followUps = (0, followUps_1.followUpsFor)(context, requestData.options, { slots, downloadSlots, maxRetries, signal });
        return await stage.call(context, items, followUps);
    }
    catch (error) {
        throw finalError(context, requestData, error);
    }
    finally {
        ahead.release('not sent');
    }
}
function batchRequest(members) {
    const [{ requestData, property }] = members;
    const inputs = members.map((member) => member.requestData.options.body[property]);
    const body = { ...requestData.options.body, [property]: inputs };
    return { ...requestData, options: { ...requestData.options, body } };
}
function batchKey({ requestData, property }) {
    const { [property]: _input, ...rest } = requestData.options.body;
    return JSON.stringify([requestData.options.method, requestData.options.url, rest]);
}
async function sendBatch(members) {
    const [{ context }] = members;
    const itemIndexes = members.map((member) => member.context.getItemIndex());
    const failed = (failure, note = '') => members.map(() => ({ ok: false, error: new batches_1.BatchFailure(failure, note, itemIndexes) }));
    const { slots, maxRetries } = runSettings(context);
    const requestData = batchRequest(members);
    let items;
    try {
        items = await (0, attempts_1.sendWithRetries)(() => context.makeRoutingRequest(requestData), {
            slots,
            maxRetries,
            signal: context.getExecutionCancelSignal(),
            giveUp: (failure, note) => new batches_1.BatchFailure(failure, note, itemIndexes),
        });
    }
    catch (error) {
        return error instanceof batches_1.BatchFailure ? members.map(() => ({ ok: false, error })) : failed(error);
    }
    if (items.length === members.length)
        return items.map((value) => ({ ok: true, value }));
    const mismatch = new n8n_workflow_1.NodeApiError(context.getNode(), { results: items.length }, {
        message: `The API answered with ${items.length} results for ${members.length} inputs`,
        description: 'Each input must get one result: try again, or set a smaller Batch Size.',
    });
    return failed(mismatch);
}
const runBatches = (0, perRun_1.perRun)(() => new Map());
function batchesFor(context, batching) {
    const batches = runBatches(context);
    let forBatching = batches.get(batching);
    if (!forBatching) {
        const maxInputs = Math.max(1, Math.floor(batching.maxInputs(context)) || 1);
        forBatching = new batches_1.InputBatches(maxInputs, sendBatch, batchKey);
        batches.set(batching, forBatching);
    }
    return forBatching;
}
async function sendInBatch(context, requestData, batching) {
    const place = batchesFor(context, batching).enter(context.getItemIndex());
    try {
        await prepare(context, requestData);
    }
    catch (error) {
        place.leave();
        throw finalError(context, requestData, error);
    }
    try {
        return [(await place.join({ context, requestData, property: batching.property }))];
    }
    catch (error) {
        if (!(error instanceof batches_1.BatchFailure))
            throw finalError(context, requestData, error);
        const shared = error.itemIndexes.length > 1 ? ` (one request for items ${error.items})` : '';
        throw finalError(context, requestData, error.failure, `${error.note}${shared}`);
    }
}
const runGathering = (0, perRun_1.perRun)(() => ({ current: undefined }));
function itemsRun(context) {
    const inputs = context.getExecuteData().data.main?.[0]?.length ?? 0;
    return context.getNode().executeOnce ? Math.min(1, inputs) : inputs;
}
async function sendGatheredGroup(stage, members, entered) {
    const [{ context }] = members;
    if (!context.continueOnFail() && entered < itemsRun(context))
        return members.map(() => ({ ok: true, value: [] }));
    const itemIndexes = members.map((member) => member.context.getItemIndex());
    const { slots, downloadSlots, maxRetries } = runSettings(context);
    const signal = context.getExecutionCancelSignal();
    const [{ requestData }] = members;
    const tools = {
        send: async (body, subject) => await (0, attempts_1.sendWithRetries)(() => context.makeRoutingRequest({ ...requestData, options: { ...requestData.options, body } }), {
            slots,
            maxRetries,
            signal,
            giveUp: (failure, note) => new batches_1.BatchFailure(failure, note, itemIndexes, subject),
        }),
        followUps: (0, followUps_1.followUpsFor)(context, requestData.options, { slots, downloadSlots, maxRetries, signal }),
    };
    try {
        return await stage.call(context, members, tools);
    }
    catch (error) {
        const failure = error instanceof batches_1.BatchFailure ? error : new batches_1.BatchFailure(error, '', itemIndexes);
        return members.map(() => ({ ok: false, error: failure }));
    }
}
async function sendGathered(context, requestData, stage) {
    const run = runGathering(context);
    if (!run.current) {
        const gathering = {
            entered: 0,
            items: new batches_1.InputBatches(Number.MAX_SAFE_INTEGER, async (members) => {
                if (run.current === gathering)
                    run.current = undefined;
                return await sendGatheredGroup(stage, members, gathering.entered);
            }, () => ''),
        };
        run.current = gathering;
    }
    run.current.entered += 1;
    const place = run.current.items.enter(context.getItemIndex());
    try {
        await prepare(context, requestData);
    }
    catch (error) {
        place.leave(!context.continueOnFail());
        throw finalError(context, requestData, error);
    }
    try {
        return (await place.join({ context, requestData }));
    }
    catch (error) {
        if (error instanceof batches_1.NotSent)
            return [];
        if (!(error instanceof batches_1.BatchFailure))
            throw finalError(context, requestData, error);
        const shared = error.itemIndexes.length > 1 ? ` (one request for items ${error.items})` : '';
        throw (0, attempts_1.failureError)(context.getNode(), error.failure, { subject: error.subject, itemIndex: context.getItemIndex(), note: `${error.note}${shared}` });
    }
}
async function sendRequest(requestData) {
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
    }
    catch (error) {
        const itemIndex = this.getItemIndex();
        const nodeError = error instanceof n8n_workflow_1.NodeApiError || error instanceof n8n_workflow_1.NodeOperationError
            ? error
            : new n8n_workflow_1.NodeApiError(this.getNode(), error, { itemIndex });
        if (!this.continueOnFail())
            throw nodeError;
        return [{ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } }];
    }
}
//# sourceMappingURL=request.js.map