import { createHash, randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BATCHES_URL, toBatchItem } from './batches';
import { lineError, lineItems, type Results } from './results';
import { batchMaxWaitMsOf, batchMaxWaitOption, endedBatch, resultsOf, waitForCompletionField, waitsFor } from './waiting';
import { keyValueField, keyValueMap, optionsCollection, sortedByName } from '../../../shared/fields/options';
import { invalidInput, textOf } from '../../../shared/input';
import { answerError, type Subject } from '../../../shared/transport/answers';
import { NotSent, type Share } from '../../../shared/transport/batches';
import { type Gathered, type GatheringTools, sentTogether } from '../../../shared/transport/request';
import { chatInputProperties } from '../chat/complete';
import { chatOptionList } from '../chat/options';
import { sendMessages } from '../chat/messages';
import { defineOperation } from '../define';

/** Every line of the batch file is a chat request (OpenAI's batch input form, which DigitalOcean takes for provider "openai"). */
const ENDPOINT = '/v1/chat/completions';

/** The batch's own options, beside each request's: read from the first item, as the batch is one request. */
const batchOptionList: INodeProperties[] = [
	keyValueField({
		displayName: 'Batch Metadata',
		name: 'batchMetadata',
		placeholder: 'Add Metadata',
		description: "Key/value pairs DigitalOcean keeps with the batch (text only), read from the first item. Not the requests' own Metadata.",
		row: 'pair',
		keyPlaceholder: 'e.g. dataset',
		valuePlaceholder: 'e.g. reviews-2026-12-01',
	}),
	batchMaxWaitOption,
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		placeholder: "e.g. nightly-{{ $today.toFormat('yyyy-MM-dd') }}",
		description:
			"DigitalOcean's idempotency key for the batch, read from the first item: a batch created again with the same one is the batch already created, not a new one. Empty: made from the execution, the node and the batch's lines, so that a retry in the same execution creates nothing twice.",
	},
];

const properties: INodeProperties[] = [
	...chatInputProperties,
	{
		displayName: 'Custom ID',
		name: 'customId',
		type: 'string',
		default: '',
		placeholder: 'e.g. review-{{ $json.number }}',
		description:
			"The name of the item's request in the batch, output with its answer as custom_id, so that answers collected later can be matched to their rows. Must be unique. Empty: item-0, item-1… in input order.",
	},
	waitForCompletionField,
	// One Options collection, as n8n's own nodes have: each request's options and the batch's, by name.
	optionsCollection(sortedByName([...chatOptionList, ...batchOptionList])),
];

/**
 * preSend: n8n's Request Options → Batching spaces the items out over time, but every item
 * goes into the one batch file, which is sent once they have all arrived.
 */
async function checkNotSpacedOut(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const { batchInterval = 0 } = this.getNodeParameter('requestOptions.batching.batch', {}) as { batchInterval?: number };
	if (batchInterval > 0) {
		throw invalidInput(this, 'Request Options → Batching', 'spaces the items out, but Batch → Create puts every item in one batch file', 'Remove Batching from Request Options.');
	}
	// What the wait needs is checked before the batch is made (and paid for).
	if (waitsFor(this)) batchMaxWaitMsOf(this, 'options');
	return requestOptions;
}

/** A line of the batch file, with the item it is for. */
interface Line {
	member: number;
	customId: string;
	json: string;
}

/** The items' lines, each checked; an item whose Custom ID is not usable gets its own error. */
function linesOf(members: Gathered[]): { lines: Line[]; refused: Map<number, Error> } {
	const lines: Line[] = [];
	const refused = new Map<number, Error>();
	const taken = new Map<string, number>();
	members.forEach(({ context, requestData }, member) => {
		const itemIndex = context.getItemIndex();
		try {
			const given = textOf(context, 'Custom ID', context.getNodeParameter('customId', '')).trim();
			const customId = given === '' ? `item-${itemIndex}` : given;
			const earlier = taken.get(customId);
			if (earlier !== undefined) throw invalidInput(context, 'Custom ID', `"${customId}" is also the Custom ID of item ${earlier}`, 'Each request of a batch needs its own, e.g. review-{{ $json.number }}.');
			taken.set(customId, itemIndex);
			lines.push({ member, customId, json: JSON.stringify({ custom_id: customId, method: 'POST', url: ENDPOINT, body: requestData.options.body }) });
		} catch (error) {
			refused.set(member, error as Error);
		}
	});
	return { lines, refused };
}

/** The Request ID the user set, or '' for one derived (requestIdOf). */
const chosenRequestIdOf = (context: IExecuteSingleFunctions) =>
	textOf(context, 'Request ID', context.getNodeParameter('options.requestId', '')).trim();

/** The idempotency key: the user's, or one made from what identifies this submission (as a UUID, the form DigitalOcean's examples use). */
function requestIdOf(context: IExecuteSingleFunctions, chosen: string, jsonl: string): string {
	if (chosen !== '') return chosen;
	const executionId = context.getExecutionId();
	if (!executionId) return randomUUID();
	const hex = createHash('sha256')
		.update([context.getWorkflow().id ?? '', executionId, context.getNode().id, jsonl].join('\n'))
		.digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function metadataOf(context: IExecuteSingleFunctions): IDataObject | undefined {
	const metadata = keyValueMap(context, 'options.batchMetadata.pair', 'Batch Metadata');
	return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** postReceive of the file intent: its ID and the presigned URL to upload to. */
async function toBatchFile(this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse): Promise<INodeExecutionData[]> {
	const { file_id: fileId, upload_url: uploadUrl } = response.body as IDataObject;
	if (typeof fileId !== 'string' || typeof uploadUrl !== 'string') {
		throw answerError(this.getNode(), response.body, {
			message: 'The API answered without a file to upload to (file_id and upload_url)',
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	return items;
}

const UPLOAD_HINT =
	'The upload URL works for about 15 minutes, exactly as DigitalOcean gave it and without an Authorization header: run the node again for a new one. If the host says the file is too large, send fewer items per batch (e.g. with Loop Over Items).';

/** What POST /v1/batches is about, for its errors: the batch of the file just uploaded. */
const NEW_BATCH: Subject = {
	name: 'The uploaded batch file',
	notFoundHint: 'DigitalOcean creates a batch only from a file whose upload has finished: run the node again to upload it anew.',
};

/**
 * A Request ID the user chose that is already a batch of another file: DigitalOcean answers with
 * that batch, whose requests may not be these items', so its answers must not be paired with them.
 */
function reusedRequestId(context: IExecuteSingleFunctions, batch: IDataObject, fileId: unknown) {
	return new NodeOperationError(
		context.getNode(),
		`Request ID "${String(batch.request_id)}" is already batch "${String(batch.batch_id)}" (status ${String(batch.status)}), made from another file: no new batch was created [item ${context.getItemIndex()}]`,
		{
			itemIndex: context.getItemIndex(),
			description: `DigitalOcean returns the existing batch for a Request ID it has seen (file ${String(batch.input_file_id)}, not the one just uploaded, ${String(fileId)}). Collect that batch with Batch → Get Results and its Batch ID, or set another Request ID for these items.`,
		},
	);
}

/** Uploads the batch file and creates the batch from it (the one request every item went into). */
async function createFrom(context: IExecuteSingleFunctions, jsonl: string, { send, followUps }: GatheringTools): Promise<IDataObject> {
	const chosen = chosenRequestIdOf(context);
	const requestId = requestIdOf(context, chosen, jsonl);
	const metadata = metadataOf(context);
	const [file] = await followUps.send(
		{ method: 'POST', url: `${BATCHES_URL}/files`, body: { file_name: `n8n-batch-${requestId.replace(/[^\w-]/g, '_').slice(0, 64)}.jsonl` } },
		toBatchFile,
	);
	await followUps.upload(String(file.json.upload_url), Buffer.from(jsonl, 'utf8'), UPLOAD_HINT);
	const [batch] = await send(
		{
			file_id: file.json.file_id,
			provider: 'openai',
			endpoint: ENDPOINT,
			completion_window: '24h',
			request_id: requestId,
			...(metadata ? { metadata } : {}),
		},
		NEW_BATCH,
	);
	// A derived Request ID names these very lines (their hash is in it), so an existing batch for it is this one.
	if (chosen !== '' && batch.json.input_file_id !== undefined && batch.json.input_file_id !== file.json.file_id) {
		throw reusedRequestId(context, batch.json, file.json.file_id);
	}
	return batch.json;
}

/**
 * Each line's share of an ended batch: its answer's items, or its error. A line without a
 * result says why: the batch ended before it was answered, or a line of the result files that
 * might have been its own could not be read.
 */
function answersFor(members: Gathered[], lines: Line[], batch: IDataObject, { lines: results, unreadable }: Results): Map<number, Share> {
	const byCustomId = new Map(results.map((result) => [result.custom_id, result]));
	const id = String(batch.batch_id);
	const missing = unreadable.length > 0
		? `no readable result (${unreadable[0].message}${unreadable.length > 1 ? `, and ${unreadable.length - 1} more such lines` : ''})`
		: `no answer (the batch ended ${String(batch.status)} before it was answered)`;
	return new Map(
		lines.map(({ member, customId }) => {
			const memberContext = members[member].context;
			const result = byCustomId.get(customId);
			const items = result ? lineItems(memberContext, id, result) : lineError(memberContext, id, customId, missing);
			return [member, items instanceof NodeApiError ? { ok: false, error: items } : { ok: true, value: items }];
		}),
	);
}

/**
 * The gathering stage of Create: one JSONL line per item, uploaded, one batch created. Without
 * waiting, one item: the batch, paired with every item in it. With waiting, each item gets its
 * answer (matched by custom_id, whatever the order of the result file) or its error.
 */
async function createBatch(this: IExecuteSingleFunctions, members: Gathered[], tools: GatheringTools): Promise<Share[]> {
	const { lines, refused } = linesOf(members);
	const [firstRefused] = refused.keys();
	if (firstRefused !== undefined && !this.continueOnFail()) {
		const stopped = new NotSent(members[firstRefused].context.getItemIndex());
		return members.map((_, member) => ({ ok: false, error: refused.get(member) ?? stopped }));
	}
	const shares = new Map<number, Share>([...refused].map(([member, error]) => [member, { ok: false, error }]));
	if (lines.length > 0) {
		const jsonl = `${lines.map(({ json }) => json).join('\n')}\n`;
		let batch = await createFrom(this, jsonl, tools);
		if (!waitsFor(this)) {
			const pairedItem = lines.map(({ member }) => ({ item: members[member].context.getItemIndex() }));
			lines.forEach(({ member }, index) => shares.set(member, { ok: true, value: index === 0 ? [{ json: batch, pairedItem }] : [] }));
		} else {
			const deadline = Date.now() + batchMaxWaitMsOf(this, 'options');
			batch = await endedBatch(this, batch, tools.followUps, deadline);
			const results = await resultsOf(this, batch, tools.followUps, deadline);
			for (const [member, share] of answersFor(members, lines, batch, results)) shares.set(member, share);
		}
	}
	return members.map((_, member) => shares.get(member) ?? { ok: false, error: new NodeOperationError(this.getNode(), 'The batch gave no result for this item') });
}

export const create = (resource: string) =>
	defineOperation(resource, {
		name: 'Create',
		value: 'create',
		action: 'Create a batch',
		description: "Send every input item's chat request as one DigitalOcean batch, answered within 24 hours",
		request: { method: 'POST', url: BATCHES_URL },
		properties,
		preSend: [sendMessages, checkNotSpacedOut, sentTogether(createBatch)],
		postReceive: [toBatchItem],
		namesModel: true,
	});
