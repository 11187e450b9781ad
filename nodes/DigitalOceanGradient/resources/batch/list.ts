import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { BATCHES_URL } from './batches';
import { optionsCollection } from '../../../shared/fields/options';
import { invalidInput, notAWholeNumber, wholeNumberIn } from '../../../shared/input';
import { answerError } from '../../../shared/transport/answers';
import type { FollowUps } from '../../../shared/transport/followUps';
import { followedBy } from '../../../shared/transport/request';
import { defineOperation } from '../define';
import { switchOf } from '../waiting';

/** The most batches DigitalOcean gives per page (inference_list_batches.yml). */
const MAX_PAGE = 100;
const STATUSES = ['validating', 'in_progress', 'finalizing', 'completed', 'failed', 'expired', 'cancelling', 'cancelled'];

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	optionsCollection(
		[
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'in_progress',
				description: 'Only the batches in this state',
				options: STATUSES.map((status) => ({ name: status.replace('_', ' ').replace(/^./, (first) => first.toUpperCase()), value: status })),
			},
		],
		'Filters for the list',
	),
];

/** How many batches the item asks for: all, or its Limit, checked. */
function wantedOf(context: IExecuteSingleFunctions): number {
	if (switchOf(context, 'returnAll', 'Return All', false)) return Number.POSITIVE_INFINITY;
	const value = context.getNodeParameter('limit', 50) as unknown;
	const limit = wholeNumberIn(value, 1);
	if (limit === undefined) throw invalidInput(context, 'Limit', notAWholeNumber(value, 1));
	return limit;
}

/** A page's query: as many as wanted (at most a page), the status filter, the cursor. */
function pageQuery(context: IExecuteSingleFunctions, wanted: number, after?: string): IDataObject {
	const status = context.getNodeParameter('options.status', '') as string;
	return { limit: Math.min(MAX_PAGE, wanted), ...(status ? { status } : {}), ...(after ? { after } : {}) };
}

/** preSend: the first page's query. */
async function sendPageQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...requestOptions.qs, ...pageQuery(this, wantedOf(this)) };
	return requestOptions;
}

/** postReceive: a page of batches, kept whole (its cursor is needed for the next). */
async function toPage(this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse): Promise<INodeExecutionData[]> {
	const page = response.body as IDataObject;
	if (!Array.isArray(page.data)) {
		throw answerError(this.getNode(), page, {
			message: 'The API answered without a list of batches',
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	return [{ json: page }];
}

/** The follow-up stage: the next pages (cursor `after` = the last page's last_id) until enough or no more; one item per batch. */
async function morePages(this: IExecuteSingleFunctions, [first]: INodeExecutionData[], followUps: FollowUps): Promise<INodeExecutionData[]> {
	const wanted = wantedOf(this);
	let page = first.json;
	const batches = [...(page.data as IDataObject[])];
	const cursors = new Set<string>();
	// A server that ignores the cursor would give the same page for ever: a cursor seen twice ends the list.
	while (batches.length < wanted && page.has_more === true && typeof page.last_id === 'string' && !cursors.has(page.last_id) && (page.data as unknown[]).length > 0) {
		cursors.add(page.last_id);
		const [next] = await followUps.send({ method: 'GET', url: BATCHES_URL, qs: pageQuery(this, wanted - batches.length, page.last_id) }, toPage);
		page = next.json;
		batches.push(...(page.data as IDataObject[]));
	}
	return batches.slice(0, wanted).map((json) => ({ json }));
}

export const list = (resource: string) =>
	defineOperation(resource, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many batches',
		description: 'The batches of this key, newest first',
		request: { method: 'GET', url: BATCHES_URL },
		properties,
		preSend: [sendPageQuery, followedBy(morePages)],
		postReceive: [toPage],
	});
