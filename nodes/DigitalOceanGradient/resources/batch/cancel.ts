import { CANCEL_URL, batchIdField, toBatchItem, toBatchUrl } from './batches';
import { defineOperation } from '../define';

export const cancel = (resource: string) =>
	defineOperation(resource, {
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a batch',
		description: 'Stop a running batch; the answers it has already made stay available to Get Results',
		request: { method: 'POST', url: CANCEL_URL },
		properties: [batchIdField],
		preSend: [toBatchUrl(CANCEL_URL)],
		postReceive: [toBatchItem],
	});
