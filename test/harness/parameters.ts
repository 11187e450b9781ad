import type { INodeParameters } from 'n8n-workflow';

export const MODEL_ID = 'llama3.3-70b-instruct';

/** Chat Completion parameters as the editor saves them, with a prompt unless overridden. */
export function chatParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'chat',
		operation: 'complete',
		model: { __rl: true, mode: 'list', value: MODEL_ID, cachedResultName: MODEL_ID },
		inputType: 'prompt',
		prompt: 'What is the capital of France?',
		...overrides,
	};
}
