import nock from 'nock';

import { TEST_BASE_URL } from './runNode.cjs';

export interface CapturedRequest {
	path: string;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

export interface Reply {
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
}

/**
 * Answers `times` requests to one endpoint of the API at the test base URL (or `host`) and records each
 * request as it arrived: path, parsed body, headers.
 */
export function intercept(
	method: 'get' | 'post',
	path: string,
	reply: Reply | ((body: unknown) => Reply),
	times = 1,
	host = TEST_BASE_URL,
): CapturedRequest[] {
	const requests: CapturedRequest[] = [];
	const api = nock(host);
	api[method](path)
		.times(times)
		.reply(function (uri, body) {
			const parsed: unknown = body === '' ? undefined : body;
			requests.push({ path: uri, body: parsed, headers: { ...this.req.headers } });
			const { status = 200, body: replyBody, headers } =
				typeof reply === 'function' ? reply(parsed) : reply;
			return [status, replyBody as nock.Body, headers];
		});
	return requests;
}

export const interceptChat = (reply: Reply | ((body: unknown) => Reply), times = 1) =>
	intercept('post', '/v1/chat/completions', reply, times);

export const interceptModels = (reply: Reply, times = 1) =>
	intercept('get', '/v1/models', reply, times);

/** A chat completion as DigitalOcean returns it (empty id and role included, as seen live). */
export function completion(
	...messages: Array<{ content?: string | null; reasoning_content?: string; tool_calls?: unknown[] }>
) {
	return {
		id: '',
		object: 'chat.completion',
		created: 1747247763,
		model: 'llama3.3-70b-instruct',
		choices: messages.map((message, index) => ({
			index,
			finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
			logprobs: null,
			message: {
				role: '',
				content: message.content ?? null,
				refusal: null,
				reasoning_content: message.reasoning_content ?? null,
				tool_calls: message.tool_calls ?? null,
			},
		})),
		usage: { prompt_tokens: 43, completion_tokens: 8, total_tokens: 51 },
	};
}

export const MODELS = {
	object: 'list',
	data: [
		{ id: 'openai-gpt-4o', object: 'model', created: 1752255238, owned_by: 'openai' },
		{ id: 'llama3.3-70b-instruct', object: 'model', created: 1752255238, owned_by: 'digitalocean' },
		{ id: 'qwen3-embedding-0.6b', object: 'model', created: 1752255239, owned_by: 'alibaba' },
		{ id: 'anthropic-claude-3.5-haiku', object: 'model', created: 1752255240, owned_by: 'anthropic' },
		{ id: 'Llama-Guard-3', object: 'model', created: 1752255241, owned_by: 'meta' },
	],
};

/** A vector the test can predict from the text: its length, then its first character's code. */
export const testVector = (text: string) => [text.length, text.charCodeAt(0) || 0, 0.5];

/** An embeddings answer as DigitalOcean documents it, one vector per input (testVector), in input order. */
export function embeddingsAnswer(body: unknown, { model = 'qwen3-embedding-0.6b', base64 = false } = {}) {
	const { input } = body as { input: string | string[] };
	const inputs = typeof input === 'string' ? [input] : input;
	const encode = (vector: number[]) => (base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector);
	return {
		object: 'list',
		model,
		data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: encode(testVector(text)) })),
		usage: { prompt_tokens: inputs.length * 3, total_tokens: inputs.length * 3 },
	};
}

export const interceptEmbeddings = (reply: Reply | ((body: unknown) => Reply), times = 1) =>
	intercept('post', '/v1/embeddings', reply, times);
