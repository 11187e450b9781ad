import { jobIdField, STATUS_URL, toJobUrl, toStatusItem } from './jobs';
import { defineOperation } from '../define';

export const getStatus = (resource: string) =>
	defineOperation(resource, {
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get the status of a job',
		description: 'Whether a job is queued, in progress, completed or failed, without waiting',
		request: { method: 'GET', url: STATUS_URL },
		properties: [jobIdField],
		preSend: [toJobUrl(STATUS_URL)],
		postReceive: [toStatusItem],
	});
