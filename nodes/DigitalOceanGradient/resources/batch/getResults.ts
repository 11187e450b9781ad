import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BATCH_URL, batchIdField, toBatchItem, toBatchUrl } from './batches';
import { errorItem, lineItems, naturalOrder } from './results';
import { batchMaxWaitMsOf, batchMaxWaitOption, endedBatch, resultsOf, waitForCompletionField, waitsFor } from './waiting';
import { optionsCollection } from '../../../shared/fields/options';
import type { FollowUps } from '../../../shared/transport/followUps';
import { followedBy } from '../../../shared/transport/request';
import { jsonOutputOption, simplifyField } from '../chat/replies';
import { defineOperation } from '../define';

const properties: INodeProperties[] = [
	batchIdField,
	simplifyField,
	waitForCompletionField,
	optionsCollection(
		[
			batchMaxWaitOption,
			jsonOutputOption,
		],
		'How the answers are output',
	),
];

/** preSend: the Maximum Wait is checked before anything is sent. */
async function checkWaiting(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (waitsFor(this)) batchMaxWaitMsOf(this, 'options');
	return requestOptions;
}

/**
 * The follow-up stage: the batch once ended (waited for, or "not done yet"), its result files,
 * one item per request in custom_id order (item-0, item-1… are the input order). A failed
 * request is an error item with On Error: Continue; otherwise the first fails the node, saying
 * how many did.
 */
async function collectResults(this: IExecuteSingleFunctions, [item]: INodeExecutionData[], followUps: FollowUps): Promise<INodeExecutionData[]> {
	const deadline = waitsFor(this) ? Date.now() + batchMaxWaitMsOf(this, 'options') : undefined;
	const batch = await endedBatch(this, item.json, followUps, deadline);
	const { lines, unreadable } = await resultsOf(this, batch, followUps, deadline);
	const total = lines.length + unreadable.length;
	if (total === 0) {
		throw new NodeOperationError(this.getNode(), `Batch "${String(batch.batch_id)}" ended ${String(batch.status)} without results [item ${this.getItemIndex()}]`, {
			itemIndex: this.getItemIndex(),
			description: 'It was cancelled or expired before any of its requests was answered.',
		});
	}
	const outcomes = [...lines.sort(naturalOrder).map((line) => lineItems(this, String(batch.batch_id), line)), ...unreadable];
	const failed = outcomes.filter((outcome) => outcome instanceof NodeApiError);
	if (failed.length > 0 && !this.continueOnFail()) {
		const [first] = failed;
		const how = unreadable.length > 0 ? 'failed or could not be read' : 'failed';
		first.message = `${first.message} (${failed.length} of ${total} requests ${how}; with On Error: Continue the answers are output and each failed request is an error item)`;
		throw first;
	}
	return outcomes.flatMap((outcome) => (outcome instanceof NodeApiError ? [errorItem(outcome)] : outcome));
}

export const getResults = (resource: string) =>
	defineOperation(resource, {
		name: 'Get Results',
		value: 'getResults',
		action: 'Get the results of a batch',
		description: "A batch's answers, one item per request with its custom_id: for workflows that collect them later",
		request: { method: 'GET', url: BATCH_URL },
		properties,
		preSend: [toBatchUrl(BATCH_URL), checkWaiting, followedBy(collectResults)],
		postReceive: [toBatchItem],
	});
