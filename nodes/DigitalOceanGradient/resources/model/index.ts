import { getAll } from './getAll';
import { defineResource } from '../define';

export const model = defineResource(
	{ name: 'Model', value: 'model', description: 'The models your model access key may use' },
	[getAll],
);
