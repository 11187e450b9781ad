import type { INodeParameters } from 'n8n-workflow';

import { intercept, type Reply } from './api.cjs';
import { TEST_AGENT_ENDPOINT } from './agentCredentials.cjs';

/** Agent → Message an Agent parameters as the editor saves them, with a prompt unless overridden. */
export function agentParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'agent',
		operation: 'message',
		inputType: 'prompt',
		prompt: 'How do I resize a Droplet?',
		...overrides,
	};
}

/** Answers `times` requests to the test agent's chat endpoint, recording each. */
export const interceptAgent = (reply: Reply | ((body: unknown) => Reply), times = 1) =>
	intercept('post', '/api/v1/chat/completions?agent=true', reply, times, TEST_AGENT_ENDPOINT);

/** An agent's answer as DigitalOcean's how-to shows it, with the blocks given. */
export function agentAnswer(content: string, blocks: Record<string, unknown> = {}) {
	return {
		id: 'chatcmpl-agent-1',
		object: 'chat.completion',
		created: 1765000000,
		model: 'anthropic-claude-4.6-sonnet',
		choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
		usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 },
		...blocks,
	};
}
