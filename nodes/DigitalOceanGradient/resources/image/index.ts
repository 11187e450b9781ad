import { generate } from './generate';
import { defineResource } from '../define';

export const image = defineResource(
	{ name: 'Image', value: 'image', description: 'Images from a prompt, as binary data' },
	[generate],
);
