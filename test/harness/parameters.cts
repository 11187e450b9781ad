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

export const EMBEDDING_MODEL_ID = 'qwen3-embedding-0.6b';

/** Embedding → Create parameters as the editor saves them, the text from each item's `text` field (the default). */
export function embeddingParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'embedding',
		operation: 'create',
		model: { __rl: true, mode: 'list', value: EMBEDDING_MODEL_ID, cachedResultName: EMBEDDING_MODEL_ID },
		textFrom: 'field',
		textField: 'text',
		...overrides,
	};
}

/** The same with the text from an expression (Text From: Define Below). */
export const embeddingParametersWithText = (text: string, overrides: INodeParameters = {}) =>
	embeddingParameters({ textFrom: 'define', text, ...overrides });

export const IMAGE_MODEL_ID = 'openai-gpt-image-1';

/** Image → Generate parameters as the editor saves them: a prompt, one image unless overridden. */
export function imageParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'image',
		operation: 'generate',
		model: { __rl: true, mode: 'list', value: IMAGE_MODEL_ID, cachedResultName: IMAGE_MODEL_ID },
		prompt: 'A lighthouse at dawn',
		n: 1,
		...overrides,
	};
}

export const FAL_IMAGE_MODEL_ID = 'fal-ai/flux/schnell';

/** Job → Start parameters as the editor saves them: an image model's prompt, waiting for the job. */
export function jobStartParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'job',
		operation: 'start',
		model: { __rl: true, mode: 'list', value: FAL_IMAGE_MODEL_ID, cachedResultName: FAL_IMAGE_MODEL_ID },
		kind: 'image',
		prompt: 'A red fox in the snow',
		...overrides,
	};
}

/** Job → Get Status or Get Result parameters for one job ID. */
export const jobParameters = (operation: 'getStatus' | 'getResult', jobId: string, overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'job',
	operation,
	jobId,
	...overrides,
});

/** Batch → Create parameters as the editor saves them: each item's `question` as the prompt. */
export function batchCreateParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'batch',
		operation: 'create',
		model: { __rl: true, mode: 'list', value: MODEL_ID, cachedResultName: MODEL_ID },
		inputType: 'prompt',
		prompt: '={{ $json.question }}',
		...overrides,
	};
}

/** Batch → Get, Cancel or Get Results parameters for one batch ID. */
export const batchParameters = (operation: 'get' | 'cancel' | 'getResults', batchId: string, overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'batch',
	operation,
	batchId,
	...overrides,
});
