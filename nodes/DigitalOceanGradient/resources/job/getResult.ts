import { jobIdField, RESULT_URL, toJobItem, toJobUrl } from './jobs';
import { checkWaiting, finishedJobOptions, finishJob, waitForCompletionField } from './waiting';
import { optionsCollection } from '../../../shared/fields/options';
import { followedBy } from '../../../shared/transport/request';
import { defineOperation } from '../define';

export const getResult = (resource: string) =>
	defineOperation(resource, {
		name: 'Get Result',
		value: 'getResult',
		action: 'Get the result of a job',
		description: "A job's files as binary data, waiting for it by default: for workflows that come back later",
		request: { method: 'GET', url: RESULT_URL },
		properties: [
			jobIdField,
			waitForCompletionField,
			optionsCollection(finishedJobOptions, 'How long to wait, and where the files go'),
		],
		preSend: [toJobUrl(RESULT_URL), checkWaiting, followedBy(finishJob)],
		postReceive: [toJobItem],
	});
