import { BATCH_URL, batchIdField, toBatchItem, toBatchUrl } from './batches';
import { defineOperation } from '../define';

export const get = (resource: string) =>
	defineOperation(resource, {
		name: 'Get',
		value: 'get',
		action: 'Get a batch',
		description: "A batch's status and counts: how many of its requests are done and how many failed",
		request: { method: 'GET', url: BATCH_URL },
		properties: [batchIdField],
		preSend: [toBatchUrl(BATCH_URL)],
		postReceive: [toBatchItem],
	});
