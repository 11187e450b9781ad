import { complete } from './complete';
import { defineResource } from '../define';

export const chat = defineResource(
	{ name: 'Chat', value: 'chat', description: 'Talk to a model: a prompt or a conversation' },
	[complete],
);
