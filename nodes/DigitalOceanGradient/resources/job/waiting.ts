import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { fileItems } from './files';
import { jobFailed, jobJson, jobSubject, RESULT_URL, stateOf, STATUS_URL, toJobItem, toJobStatus, urlOf } from './jobs';
import { binaryPropertyOf, binaryPropertyOption } from '../../../shared/media/binaryFiles';
import type { FollowUps } from '../../../shared/transport/followUps';
import { maxWaitMsOf as maxWaitMsAt, maxWaitOption, pollUntil, switchOf } from '../waiting';

/** The first look at a job's status comes this long after it was queued; each wait after is twice the last, up to MAX_POLL_MS. */
export const FIRST_POLL_MS = 500;
export const MAX_POLL_MS = 5_000;
export const DEFAULT_MAX_WAIT_SECONDS = 600;

/** Wait for Completion: shown on Start and Get Result. */
export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until the job is done and output its files. Off: Start outputs the queued job at once; Get Result fails for a job not yet done (use Get Status, or a Wait node, first).',
};

/** The options of waiting and of a finished job's files, in a Job operation's Options. */
export const finishedJobOptions: INodeProperties[] = [
	{
		displayName: 'Download Files',
		name: 'downloadFiles',
		type: 'boolean',
		default: true,
		description:
			"Whether to download the job's files as binary data, one item per file. The URLs expire (DigitalOcean documents 2 hours for some), so it is done at once. Off: one item with the job and its output's URLs.",
	},
	maxWaitOption(
		DEFAULT_MAX_WAIT_SECONDS,
		'How long to wait for the job before failing the item with its ID (fetch it later with Get Result). The status is checked after 0.5 s, then every 1, 2, 4 s, then every 5 s.',
	),
	binaryPropertyOption,
];

const maxWaitMsOf = (context: IExecuteSingleFunctions) => maxWaitMsAt(context, 'options.maxWaitSeconds', DEFAULT_MAX_WAIT_SECONDS);

const waitsFor = (context: IExecuteSingleFunctions) => switchOf(context, 'waitForCompletion', 'Wait for Completion');
const downloadsFiles = (context: IExecuteSingleFunctions) => switchOf(context, 'options.downloadFiles', 'Download Files');

/**
 * preSend (Start, Get Result): what the waiting and the files will need, checked before the
 * request: a bad Maximum Wait or output field found after Start would leave a job running
 * (and paid for) that the item cannot report.
 */
export async function checkWaiting(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const starting = this.getNodeParameter('operation', '') === 'start';
	if (waitsFor(this)) maxWaitMsOf(this);
	else if (starting) return requestOptions;
	if (downloadsFiles(this)) binaryPropertyOf(this);
	return requestOptions;
}

function notDoneYet(context: IExecuteSingleFunctions, job: IDataObject, waitedMs?: number) {
	const id = String(job.request_id);
	const waited = waitedMs === undefined ? 'is not done yet' : `did not finish within ${waitedMs / 1000} s`;
	return new NodeOperationError(context.getNode(), `Job "${id}" ${waited} (status ${String(job.status)}) [item ${context.getItemIndex()}]`, {
		itemIndex: context.getItemIndex(),
		description: `Fetch it later with Job → Get Result and Job ID ${id} (e.g. after a Wait node), or ${
			waitedMs === undefined ? 'turn Wait for Completion on' : 'raise Options → Maximum Wait'
		}.`,
	});
}

/**
 * Polls the job's status until it is done or failed, waiting FIRST_POLL_MS, then twice as long
 * each time up to MAX_POLL_MS, never past the maximum wait. A cancelled execution stops the
 * wait at once; each poll is a request on the request path (a slot, retries, the key hidden).
 */
async function untilDone(context: IExecuteSingleFunctions, job: IDataObject, followUps: FollowUps): Promise<IDataObject> {
	const id = String(job.request_id);
	const maxWaitMs = maxWaitMsOf(context);
	let status = job;
	return await pollUntil(followUps, job, {
		firstPollMs: FIRST_POLL_MS,
		maxPollMs: MAX_POLL_MS,
		maxWaitMs,
		isDone: (last) => stateOf(last.status) !== 'running',
		timedOut: (last) => notDoneYet(context, last, maxWaitMs),
		poll: async () => {
			const [polled] = await followUps.send({ method: 'GET', url: urlOf(STATUS_URL, id), subject: jobSubject(id) }, toJobStatus);
			status = { ...status, ...polled.json };
			return status;
		},
	});
}

/**
 * The error of a request or download made for a job, with the job's ID: the job exists (and may
 * still finish), so the item must say which it is.
 */
function forJob(error: unknown, id: string): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError) || error.message.includes(`"${id}"`)) return error;
	error.message = `${error.message} (job "${id}")`;
	return error;
}

/**
 * The follow-up stage of Start and Get Result (followedBy): with Wait for Completion, waits for
 * the job; a failed job is an error in DigitalOcean's words; a done one is fetched (unless its
 * answer already held the output) and, with Download Files, its files downloaded.
 */
export async function finishJob(
	this: IExecuteSingleFunctions,
	[item]: INodeExecutionData[],
	followUps: FollowUps,
): Promise<INodeExecutionData[]> {
	const wait = waitsFor(this);
	const starting = this.getNodeParameter('operation', '') === 'start';
	if (!wait && starting) return [{ json: jobJson(item.json) }];
	const id = String(item.json.request_id);
	try {
		return await finished(this, item.json, wait, followUps);
	} catch (error) {
		throw forJob(error, id);
	}
}

async function finished(context: IExecuteSingleFunctions, answered: IDataObject, wait: boolean, followUps: FollowUps) {
	let job = answered;
	const id = String(job.request_id);
	if (stateOf(job.status) === 'running') {
		if (!wait) throw notDoneYet(context, job);
		job = await untilDone(context, job, followUps);
	}
	// The status route tells only the status: the job's output, or why it failed, is on the result route.
	const failed = stateOf(job.status) === 'failed';
	if (failed ? job.error == null : job.output == null) {
		const [result] = await followUps.send({ method: 'GET', url: urlOf(RESULT_URL, id), subject: jobSubject(id) }, toJobItem);
		job = { ...job, ...result.json };
	}
	if (stateOf(job.status) === 'failed') throw jobFailed(context, job);
	if (job.output == null) {
		throw new NodeOperationError(context.getNode(), `Job "${id}" is ${String(job.status)} but has no output [item ${context.getItemIndex()}]`, {
			itemIndex: context.getItemIndex(),
			description: 'Try Job → Get Result with this ID again in a moment.',
		});
	}
	if (!downloadsFiles(context)) return [{ json: jobJson(job) }];
	return await fileItems(context, job, followUps);
}
