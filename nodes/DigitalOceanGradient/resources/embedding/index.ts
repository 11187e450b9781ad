import { create } from './create';
import { defineResource } from '../define';

export const embedding = defineResource(
	{ name: 'Embedding', value: 'embedding', description: 'Vectors for texts, for search and retrieval' },
	[create],
);
