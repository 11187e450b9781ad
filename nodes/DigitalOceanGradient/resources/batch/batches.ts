import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { answerError, type Subject } from '../../../shared/transport/answers';
import { idParameter } from '../idParameter';

/** DigitalOcean's batch routes (inference_*batch*.yml). */
export const BATCHES_URL = '/v1/batches';
export const BATCH_URL = '/v1/batches/{batch_id}';
export const RESULTS_URL = '/v1/batches/{batch_id}/results';
export const CANCEL_URL = '/v1/batches/{batch_id}/cancel';

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

/** The Batch ID field of Get, Cancel and Get Results (by default the incoming item's batch_id, from Create or Get Many), checked, and put in a route. */
export const { field: batchIdField, urlOf: batchUrl, toUrl: toBatchUrl } = idParameter({
	label: 'Batch ID',
	name: 'batchId',
	property: 'batch_id',
	madeBy: 'Batch → Create or Get Many',
	placeholder: '0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21',
	inUrl: '{batch_id}',
	subject: batchSubject,
});

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
