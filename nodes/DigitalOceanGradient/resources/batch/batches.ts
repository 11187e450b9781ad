import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { invalidInput, textOf } from '../../../shared/input';
import { answerError, type Subject } from '../../../shared/transport/answers';
import { concerning } from '../../../shared/transport/request';

/** DigitalOcean's batch routes (inference_*batch*.yml). */
export const BATCHES_URL = '/v1/batches';
export const BATCH_URL = '/v1/batches/{batch_id}';
export const RESULTS_URL = '/v1/batches/{batch_id}/results';
export const CANCEL_URL = '/v1/batches/{batch_id}/cancel';

export const batchUrl = (template: string, id: string) => template.replace('{batch_id}', encodeURIComponent(id));

/** The states a batch does not leave (DigitalOcean's batch.yml). */
const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);
export const isTerminal = (status: unknown) => typeof status === 'string' && TERMINAL.has(status.trim().toLowerCase());

/** A batch as the errors name it: what a 404 and a 409 mean for it. */
export const batchSubject = (id: string): Subject => ({
	name: `Batch "${id}"`,
	notFoundHint: 'Check the Batch ID: it is the batch_id that Batch → Create output.',
	conflict: {
		message: `Batch "${id}" cannot be cancelled now`,
		hint: 'DigitalOcean cancels only a running batch: one that has ended (completed, failed, expired, cancelled) or is still being validated (not yet handed to the provider) answers 409. Batch → Get shows its status.',
	},
});

/** The Batch ID field of Get, Cancel and Get Results: by default the batch_id of the incoming item (from Create or List). */
export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '={{ $json.batch_id }}',
	placeholder: 'e.g. 0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21',
	description: 'The batch_id that Batch → Create or Batch → List output',
};

/** The item's Batch ID, checked: text (a number as its text), not empty, not dots. */
export function batchIdOf(context: IExecuteSingleFunctions): string {
	const id = textOf(context, 'Batch ID', context.getNodeParameter('batchId', '')).trim();
	const hint = 'Use the batch_id that Batch → Create output, e.g. {{ $json.batch_id }}.';
	if (id === '') throw invalidInput(context, 'Batch ID', 'is empty', hint);
	// "." and ".." would step out of the batch's route, encoded or not.
	if (/^\.+$/.test(id)) throw invalidInput(context, 'Batch ID', `"${id}" is not a batch ID`, hint);
	return id;
}

/** A preSend hook that puts the item's Batch ID into the request's URL (`template`). */
export function toBatchUrl(template: string) {
	return async function sendToBatch(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const id = batchIdOf(this);
		requestOptions.url = batchUrl(template, id);
		return concerning(requestOptions, batchSubject(id));
	};
}

/** A batch answer, checked: it names the batch and its status (else the Base URL points elsewhere). */
export function checkedBatch(context: IExecuteSingleFunctions, batch: unknown): IDataObject {
	const { batch_id: id, status } = (batch ?? {}) as IDataObject;
	if (typeof id !== 'string' || /^\.*$/.test(id) || typeof status !== 'string') {
		throw answerError(context.getNode(), batch, {
			message: 'The API answered without a batch (batch_id and status)',
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
			itemIndex: context.getItemIndex(),
		});
	}
	return batch as IDataObject;
}

/** postReceive: the answer is a batch (Create, Get, Cancel, the start of Get Results): one item. */
export async function toBatchItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [{ json: checkedBatch(this, response.body) }];
}
