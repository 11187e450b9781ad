import { getResult } from './getResult';
import { getStatus } from './getStatus';
import { start } from './start';
import { defineResource } from '../define';

export const job = defineResource(
	{ name: 'Job', value: 'job', description: 'Images, audio and speech from fal models, run as jobs you wait for or come back to' },
	[start, getStatus, getResult],
);
