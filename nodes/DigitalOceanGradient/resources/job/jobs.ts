import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isPlainObject, invalidInput, textOf } from '../../../shared/input';
import type { Subject } from '../../../shared/transport/answers';
import { answerError } from '../../../shared/transport/answers';
import { concerning } from '../../../shared/transport/request';

/** Where a job is: its status route, and the route of the finished job (DigitalOcean's docs). */
export const STATUS_URL = '/v1/async-invoke/{request_id}/status';
export const RESULT_URL = '/v1/async-invoke/{request_id}';

export const urlOf = (template: string, id: string) => template.replace('{request_id}', encodeURIComponent(id));

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

/** The Job ID field of Get Status and Get Result: by default the request_id of the incoming item (from Job → Start). */
export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '={{ $json.request_id }}',
	placeholder: 'e.g. 6590784a-ce47-4556-9ff4-53baff2693bb',
	description: 'The request_id that Job → Start output',
};

/** The item's Job ID, checked: text (a number as its text), not empty. */
export function jobIdOf(context: IExecuteSingleFunctions): string {
	const id = textOf(context, 'Job ID', context.getNodeParameter('jobId', '')).trim();
	const hint = 'Use the request_id that Job → Start output, e.g. {{ $json.request_id }}.';
	if (id === '') throw invalidInput(context, 'Job ID', 'is empty', hint);
	// "." and ".." would step out of the job's route, encoded or not.
	if (/^\.+$/.test(id)) throw invalidInput(context, 'Job ID', `"${id}" is not a job ID`, hint);
	return id;
}

/** A preSend hook that puts the item's Job ID into the request's URL (`template`). */
export function toJobUrl(template: string) {
	return async function sendToJob(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const id = jobIdOf(this);
		requestOptions.url = urlOf(template, id);
		return concerning(requestOptions, jobSubject(id));
	};
}
