import { message } from './message';
import { defineResource } from '../define';

export const agent = defineResource(
	{
		name: 'Agent',
		value: 'agent',
		description: 'Ask an agent built in the DigitalOcean control panel, with its instructions, knowledge bases, guardrails and functions',
	},
	[message],
);
