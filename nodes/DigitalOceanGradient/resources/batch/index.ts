import { cancel } from './cancel';
import { create } from './create';
import { get } from './get';
import { getResults } from './getResults';
import { list } from './list';
import { defineResource } from '../define';

export const batch = defineResource(
	{ name: 'Batch', value: 'batch', description: 'Many chat requests as one DigitalOcean batch, answered within 24 hours' },
	[create, get, list, getResults, cancel],
);
