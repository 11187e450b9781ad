import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { isPlainObject } from '../../../shared/input';
import type { Subject } from '../../../shared/transport/answers';
import { answerError } from '../../../shared/transport/answers';
import { idParameter } from '../idParameter';

/** Where a job is: its status route, and the route of the finished job (DigitalOcean's docs). */
export const STATUS_URL = '/v1/async-invoke/{request_id}/status';
export const RESULT_URL = '/v1/async-invoke/{request_id}';


/** A job as the errors name it, for a 404. */
export const jobSubject = (id: string): Subject => ({
	name: `Job "${id}"`,
	notFoundHint: 'Check the Job ID: it is the request_id that Job → Start output. DigitalOcean keeps jobs for a limited time.',
});

/** Where a job stands: finished well, finished badly, or still on its way. */
export type JobState = 'completed' | 'failed' | 'running';

/**
 * A status as DigitalOcean writes it: the API reference says COMPLETED, its guide COMPLETE;
 * FAILED carries the job's `error`. Anything else (QUEUED, IN_PROGRESS, a new word) is still running.
 */
export function stateOf(status: unknown): JobState {
	const word = typeof status === 'string' ? status.trim().toUpperCase() : '';
	if (word === 'COMPLETED' || word === 'COMPLETE') return 'completed';
	if (word === 'FAILED' || word === 'ERROR' || word === 'CANCELLED' || word === 'CANCELED') return 'failed';
	return 'running';
}

function withoutJob(context: IExecuteSingleFunctions, body: IDataObject, what: string) {
	return answerError(context.getNode(), body, {
		message: `The API answered without ${what}`,
		description: 'Check the Base URL in the DigitalOcean Gradient credential.',
		itemIndex: context.getItemIndex(),
	});
}

/** postReceive: the answer is a job (Start's, the result route's): one item, which must name the job and its status. */
export async function toJobItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const job = response.body as IDataObject;
	// An ID of dots would step out of the job's routes when polled.
	if (typeof job.request_id !== 'string' || /^\.*$/.test(job.request_id) || typeof job.status !== 'string') {
		throw withoutJob(this, job, 'a job (request_id and status)');
	}
	return [{ json: job }];
}

/**
 * postReceive: the answer of the status route, whose shape DigitalOcean does not specify: only
 * its `status` is needed (the ID is the one asked about).
 */
export async function toJobStatus(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const status = response.body as IDataObject;
	if (typeof status.status !== 'string' || status.status.trim() === '') throw withoutJob(this, status, "the job's status");
	return [{ json: status }];
}

/** postReceive (Get Status): the status, with the job's ID where the answer leaves it out. */
export async function toStatusItem(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const [{ json }] = await toJobStatus.call(this, items, response);
	return [{ json: { request_id: jobIdOf(this), ...json } }];
}

/** A job as an item shows it: without an empty `error` (in n8n, an item's `error` says it failed). */
export function jobJson({ error, ...job }: IDataObject): IDataObject {
	return error == null ? job : { ...job, error };
}

/** The error for a job that ended FAILED, in DigitalOcean's words. */
export function jobFailed(context: IExecuteSingleFunctions, job: IDataObject) {
	const said = typeof job.error === 'string' && job.error.trim() !== '' ? job.error : isPlainObject(job.error) ? JSON.stringify(job.error) : undefined;
	return answerError(context.getNode(), job, {
		message: `Job "${String(job.request_id)}" ${String(job.status).toLowerCase() === 'failed' ? 'failed' : `ended ${String(job.status)}`}${said ? `: ${said}` : ''}`,
		description: `The model ${typeof job.model_id === 'string' ? `"${job.model_id}" ` : ''}could not make the output. Check its input fields; each fal model documents its own.`,
		itemIndex: context.getItemIndex(),
	});
}

/** The Job ID field of Get Status and Get Result (by default the incoming item's request_id, from Job → Start), checked, and put in a route. */
const jobId = idParameter({
	label: 'Job ID',
	name: 'jobId',
	property: 'request_id',
	madeBy: 'Job → Start',
	placeholder: '6590784a-ce47-4556-9ff4-53baff2693bb',
	inUrl: '{request_id}',
	subject: jobSubject,
});
export const { field: jobIdField, idOf: jobIdOf, urlOf, toUrl: toJobUrl } = jobId;
