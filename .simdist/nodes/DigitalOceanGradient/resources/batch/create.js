"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.create = void 0;
const node_crypto_1 = require("node:crypto");
const n8n_workflow_1 = require("n8n-workflow");
const batches_1 = require("./batches");
const results_1 = require("./results");
const waiting_1 = require("./waiting");
const options_1 = require("../../../shared/fields/options");
const input_1 = require("../../../shared/input");
const answers_1 = require("../../../shared/transport/answers");
const batches_2 = require("../../../shared/transport/batches");
const request_1 = require("../../../shared/transport/request");
const complete_1 = require("../chat/complete");
const messages_1 = require("../chat/messages");
const define_1 = require("../define");
const ENDPOINT = '/v1/chat/completions';
const properties = [
    ...complete_1.chatRequestProperties,
    {
        displayName: 'Custom ID',
        name: 'customId',
        type: 'string',
        default: '',
        placeholder: 'e.g. review-{{ $json.number }}',
        description: "The name of the item's request in the batch, output with its answer as custom_id, so that answers collected later can be matched to their rows. Must be unique. Empty: item-0, item-1… in input order.",
    },
    waiting_1.waitForCompletionField,
    {
        displayName: 'Batch Options',
        name: 'batchOptions',
        type: 'collection',
        placeholder: 'Add Option',
        default: {},
        description: 'Options of the batch as a whole, read from the first item',
        options: [
            waiting_1.batchMaxWaitOption,
            (0, options_1.keyValueField)({
                displayName: 'Metadata',
                name: 'metadata',
                placeholder: 'Add Metadata',
                description: 'Key/value pairs DigitalOcean keeps with the batch (text only)',
                row: 'pair',
                keyPlaceholder: 'e.g. dataset',
                valuePlaceholder: 'e.g. reviews-2026-12-01',
            }),
            {
                displayName: 'Request ID',
                name: 'requestId',
                type: 'string',
                default: '',
                placeholder: "e.g. nightly-{{ $today.toFormat('yyyy-MM-dd') }}",
                description: "DigitalOcean's idempotency key: a batch created again with the same one is the batch already created, not a new one. Empty: made from the execution, the node and the batch's lines, so that a retry in the same execution creates nothing twice.",
            },
        ],
    },
];
async function checkNotSpacedOut(requestOptions) {
    const { batchInterval = 0 } = this.getNodeParameter('requestOptions.batching.batch', {});
    if (batchInterval > 0) {
        throw (0, input_1.invalidInput)(this, 'Request Options → Batching', 'spaces the items out, but Batch → Create puts every item in one batch file', 'Remove Batching from Request Options.');
    }
    if ((0, waiting_1.waitsFor)(this))
        (0, waiting_1.batchMaxWaitMsOf)(this, 'batchOptions');
    return requestOptions;
}
function linesOf(members) {
    const lines = [];
    const refused = new Map();
    const taken = new Map();
    members.forEach(({ context, requestData }, member) => {
        const itemIndex = context.getItemIndex();
        try {
            const given = (0, input_1.textOf)(context, 'Custom ID', context.getNodeParameter('customId', '')).trim();
            const customId = given === '' ? `item-${itemIndex}` : given;
            const earlier = taken.get(customId);
            if (earlier !== undefined)
                throw (0, input_1.invalidInput)(context, 'Custom ID', `"${customId}" is also the Custom ID of item ${earlier}`, 'Each request of a batch needs its own, e.g. review-{{ $json.number }}.');
            taken.set(customId, itemIndex);
            lines.push({ member, customId, json: JSON.stringify({ custom_id: customId, method: 'POST', url: ENDPOINT, body: requestData.options.body }) });
        }
        catch (error) {
            refused.set(member, error);
        }
    });
    return { lines, refused };
}
const chosenRequestIdOf = (context) => (0, input_1.textOf)(context, 'Request ID', context.getNodeParameter('batchOptions.requestId', '')).trim();
function requestIdOf(context, chosen, jsonl) {
    if (chosen !== '')
        return chosen;
    const executionId = context.getExecutionId();
    if (!executionId)
        return (0, node_crypto_1.randomUUID)();
    const hex = (0, node_crypto_1.createHash)('sha256')
        .update([context.getWorkflow().id ?? '', executionId, context.getNode().id, jsonl].join('\n'))
        .digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
function metadataOf(context) {
    const metadata = (0, options_1.keyValueMap)(context, 'batchOptions.metadata.pair', 'Metadata');
    return Object.keys(metadata).length > 0 ? metadata : undefined;
}
async function toBatchFile(items, response) {
    const { file_id: fileId, upload_url: uploadUrl } = response.body;
    if (typeof fileId !== 'string' || typeof uploadUrl !== 'string') {
        throw (0, answers_1.answerError)(this.getNode(), response.body, {
            message: 'The API answered without a file to upload to (file_id and upload_url)',
            description: 'Check the Base URL in the DigitalOcean Gradient credential.',
            itemIndex: this.getItemIndex(),
        });
    }
    return items;
}
const UPLOAD_HINT = 'The upload URL works for about 15 minutes, exactly as DigitalOcean gave it and without an Authorization header: run the node again for a new one. If the host says the file is too large, send fewer items per batch (e.g. with Loop Over Items).';
const NEW_BATCH = {
    name: 'The uploaded batch file',
    notFoundHint: 'DigitalOcean creates a batch only from a file whose upload has finished: run the node again to upload it anew.',
};
function reusedRequestId(context, batch, fileId) {
    return new n8n_workflow_1.NodeOperationError(context.getNode(), `Request ID "${String(batch.request_id)}" is already batch "${String(batch.batch_id)}" (status ${String(batch.status)}), made from another file: no new batch was created [item ${context.getItemIndex()}]`, {
        itemIndex: context.getItemIndex(),
        description: `DigitalOcean returns the existing batch for a Request ID it has seen (file ${String(batch.input_file_id)}, not the one just uploaded, ${String(fileId)}). Collect that batch with Batch → Get Results and its Batch ID, or set another Request ID for these items.`,
    });
}
async function createFrom(context, jsonl, { send, followUps }) {
    const chosen = chosenRequestIdOf(context);
    const requestId = requestIdOf(context, chosen, jsonl);
    const metadata = metadataOf(context);
    const [file] = await followUps.send({ method: 'POST', url: `${batches_1.BATCHES_URL}/files`, body: { file_name: `n8n-batch-${requestId.replace(/[^\w-]/g, '_').slice(0, 64)}.jsonl` } }, toBatchFile);
    await followUps.upload(String(file.json.upload_url), Buffer.from(jsonl, 'utf8'), UPLOAD_HINT);
    const [batch] = await send({
        file_id: file.json.file_id,
        provider: 'openai',
        endpoint: ENDPOINT,
        completion_window: '24h',
        request_id: requestId,
        ...(metadata ? { metadata } : {}),
    }, NEW_BATCH);
    if (chosen !== '' && batch.json.input_file_id !== undefined && batch.json.input_file_id !== file.json.file_id) {
        throw reusedRequestId(context, batch.json, file.json.file_id);
    }
    return batch.json;
}
function answersFor(members, lines, batch, { lines: results, unreadable }) {
    const byCustomId = new Map(results.map((result) => [result.custom_id, result]));
    const id = String(batch.batch_id);
    const missing = unreadable.length > 0
        ? `no readable result (${unreadable[0].message}${unreadable.length > 1 ? `, and ${unreadable.length - 1} more such lines` : ''})`
        : `no answer (the batch ended ${String(batch.status)} before it was answered)`;
    return new Map(lines.map(({ member, customId }) => {
        const memberContext = members[member].context;
        const result = byCustomId.get(customId);
        const items = result ? (0, results_1.lineItems)(memberContext, id, result) : (0, results_1.lineError)(memberContext, id, customId, missing);
        return [member, items instanceof n8n_workflow_1.NodeApiError ? { ok: false, error: items } : { ok: true, value: items }];
    }));
}
async function createBatch(members, tools) {
    const { lines, refused } = linesOf(members);
    const [firstRefused] = refused.keys();
    if (firstRefused !== undefined && !this.continueOnFail()) {
        const stopped = new batches_2.NotSent(members[firstRefused].context.getItemIndex());
        return members.map((_, member) => ({ ok: false, error: refused.get(member) ?? stopped }));
    }
    const shares = new Map([...refused].map(([member, error]) => [member, { ok: false, error }]));
    if (lines.length > 0) {
        const jsonl = `${lines.map(({ json }) => json).join('\n')}\n`;
        let batch = await createFrom(this, jsonl, tools);
        if (!(0, waiting_1.waitsFor)(this)) {
            const pairedItem = lines.map(({ member }) => ({ item: members[member].context.getItemIndex() }));
            lines.forEach(({ member }, index) => shares.set(member, { ok: true, value: index === 0 ? [{ json: batch, pairedItem }] : [] }));
        }
        else {
            const deadline = Date.now() + (0, waiting_1.batchMaxWaitMsOf)(this, 'batchOptions');
            batch = await (0, waiting_1.endedBatch)(this, batch, tools.followUps, deadline);
            const results = await (0, waiting_1.resultsOf)(this, batch, tools.followUps, deadline);
            for (const [member, share] of answersFor(members, lines, batch, results))
                shares.set(member, share);
        }
    }
    return members.map((_, member) => shares.get(member) ?? { ok: false, error: new n8n_workflow_1.NodeOperationError(this.getNode(), 'The batch gave no result for this item') });
}
const create = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Create',
    value: 'create',
    action: 'Create a batch',
    description: "Send every input item's chat request as one DigitalOcean batch, answered within 24 hours",
    request: { method: 'POST', url: batches_1.BATCHES_URL },
    properties,
    preSend: [messages_1.sendMessages, checkNotSpacedOut, (0, request_1.sentTogether)(createBatch)],
    postReceive: [batches_1.toBatchItem],
    namesModel: true,
});
exports.create = create;
//# sourceMappingURL=create.js.map