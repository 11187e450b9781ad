import type { INodeParameters } from 'n8n-workflow';

import { completion, interceptChat } from './harness/api.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { runNode, testCredentials, TEST_KEY } from './harness/runNode.cjs';

const tool = (overrides: Record<string, unknown> = {}) => ({
	name: 'get_weather',
	description: '',
	parameters: '{"type": "object", "properties": {}}',
	...overrides,
});

const json = (messages: unknown) => ({ inputType: 'json', messagesJson: JSON.stringify(messages) });

const cases: Array<[string, INodeParameters, string]> = [
	['an empty prompt', { prompt: '   ' }, 'Prompt: is empty [item 0]'],
	[
		'a model expression that gives nothing (n8n itself rejects an empty Model field)',
		{ model: { __rl: true, mode: 'id', value: '={{ $json.model }}' } },
		'Model: no model is selected [item 0]',
	],
	[
		'Messages with an empty message',
		{ inputType: 'messages', messages: { message: [{ role: 'user', content: '' }] } },
		'Messages: message 1 (user) has no content [item 0]',
	],
	[
		'Messages with no message at all',
		{ inputType: 'messages', messages: {} },
		'Messages: has no messages [item 0]',
	],
	[
		'a tool message without its tool call ID',
		{ inputType: 'messages', messages: { message: [{ role: 'tool', content: '21', toolCallId: '' }] } },
		'Messages: message 1 is a tool message without "tool_call_id" [item 0]',
	],
	[
		'Messages (JSON) that is not JSON',
		{ inputType: 'json', messagesJson: '[{"role": "user", "content": "hi"' },
		"Messages (JSON): is not valid JSON [item 0]",
	],
	[
		'Messages (JSON) that is not an array',
		json({ role: 'user', content: 'hi' }),
		'Messages (JSON): must be an array of messages [item 0]',
	],
	['Messages (JSON) that is empty', json([]), 'Messages (JSON): has no messages [item 0]'],
	[
		'Messages (JSON) with an unknown role',
		json([{ role: 'bot', content: 'hi' }]),
		'Messages (JSON): message 1 has an unknown role "bot" (expected one of system, developer, user, assistant, tool) [item 0]',
	],
	[
		'Messages (JSON) with a message that is not an object',
		json([{ role: 'user', content: 'hi' }, 'hello']),
		'Messages (JSON): message 2 is not an object with "role" and "content" [item 0]',
	],
	[
		'Messages (JSON) with a tool message without tool_call_id',
		json([{ role: 'tool', content: '21' }]),
		'Messages (JSON): message 1 is a tool message without "tool_call_id" [item 0]',
	],
	[
		'Messages (JSON) with content that is not text',
		json([{ role: 'user', content: { text: 'hi' } }]),
		'Messages (JSON): message 1 has content that is not text [item 0]',
	],
	[
		'more than 4 stop sequences',
		{ options: { stopSequences: { values: ['a', 'b', 'c', 'd', 'e'].map((sequence) => ({ sequence })) } } },
		'Stop Sequences: 5 given; the API accepts at most 4 [item 0]',
	],
	[
		'an empty stop sequence',
		{ options: { stopSequences: { values: [{ sequence: '' }] } } },
		'Stop Sequences: a sequence is empty [item 0]',
	],
	[
		'Logit Bias that is not JSON',
		{ options: { logitBias: '{50256: -100}' } },
		"Logit Bias: is not valid JSON [item 0]",
	],
	[
		'Logit Bias that is not an object',
		{ options: { logitBias: '[1, 2]' } },
		'Logit Bias: must be a JSON object such as {"50256": -100} [item 0]',
	],
	[
		'Logit Bias with a word for a token',
		{ options: { logitBias: '{"hello": 1}' } },
		'Logit Bias: "hello" is not a token ID (a whole number) [item 0]',
	],
	[
		'Logit Bias out of range',
		{ options: { logitBias: '{"50256": -101}' } },
		'Logit Bias: the bias of token 50256 must be a whole number from -100 to 100 [item 0]',
	],
	[
		'more than 16 metadata pairs',
		{
			options: {
				metadata: { pair: Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
			},
		},
		'Metadata: 17 pairs given; the API accepts at most 16 [item 0]',
	],
	[
		'a metadata key given twice',
		{ options: { metadata: { pair: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] } } },
		'Metadata: the key "a" is set twice [item 0]',
	],
	[
		'a tool with an invalid name',
		{ options: { tools: { tool: [tool({ name: 'get weather' })] } } },
		'Tools: tool 1 has the name "get weather"; a function name is 1 to 64 letters, digits, "_" or "-" [item 0]',
	],
	[
		'a tool with a name over 64 characters',
		{ options: { tools: { tool: [tool({ name: 'f'.repeat(65) })] } } },
		`Tools: tool 1 has the name "${'f'.repeat(65)}"; a function name is 1 to 64 letters, digits, "_" or "-" [item 0]`,
	],
	[
		'tool parameters that are not JSON',
		{ options: { tools: { tool: [tool({ parameters: '{"type": "object",}' })] } } },
		'Tools (parameters of "get_weather"): is not valid JSON [item 0]',
	],
	[
		'tool parameters that are not an object schema',
		{ options: { tools: { tool: [tool({ parameters: '{"type": "string"}' })] } } },
		'Tools (parameters of "get_weather"): must describe an object ("type": "object"), not "string" [item 0]',
	],
	[
		'tool parameters that are a list',
		{ options: { tools: { tool: [tool({ parameters: '[]' })] } } },
		'Tools (parameters of "get_weather"): must be a JSON Schema object [item 0]',
	],
	[
		'two tools with one name',
		{ options: { tools: { tool: [tool(), tool()] } } },
		'Tools: two tools are named "get_weather" [item 0]',
	],
	[
		'a tool choice without tools',
		{ options: { toolChoice: 'required' } },
		'Tool Choice: is set but no tools are defined in "Tools" [item 0]',
	],
	[
		'a named tool choice that is not a tool',
		{
			options: {
				tools: { tool: [tool()] },
				toolChoice: 'function',
				toolChoiceFunctionName: 'get_time',
			},
		},
		'Tool Choice Function Name: "get_time" is not one of the tools defined in "Tools" [item 0]',
	],
	[
		'a temperature out of range, set by expression',
		{ options: { temperature: '={{ 1 + 2 }}' } },
		'Temperature: 3 is out of range; use a number from 0 to 2 [item 0]',
	],
	[
		'a fractional number of completions, set by expression',
		{ options: { n: '={{ 5 / 2 }}' } },
		'Number of Completions: 2.5 is out of range; use a whole number from 1 to 128 [item 0]',
	],
	[
		'a negative token limit, set by expression',
		{ options: { maxCompletionTokens: '={{ -5 }}' } },
		'Max Completion Tokens: -5 is out of range; use a whole number of at least 1 [item 0]',
	],
	[
		'a top P out of range, set by expression',
		{ options: { topP: '={{ 1.5 }}' } },
		'Top P: 1.5 is out of range; use a number from 0 to 1 [item 0]',
	],
];

describe('Chat Completion: bad input', () => {
	it.each(cases)('rejects %s, naming the field and item, without a request', async (_case, overrides, message) => {
		const requests = interceptChat({ body: completion({ content: 'never sent' }) });
		const { error, run } = await runNode({ parameters: chatParameters(overrides) });

		expect(error?.message).toBe(message);
		expect(requests).toHaveLength(0);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('names the item that is wrong and answers the others', async () => {
		const requests = interceptChat({ body: completion({ content: 'Paris.' }) }, 2);
		const { items } = await runNode({
			parameters: chatParameters({ inputType: 'json', messagesJson: '={{ $json.messages }}' }),
			input: [
				{ json: { messages: [{ role: 'user', content: 'one' }] } },
				{ json: { messages: [{ role: 'user', content: 'two' }] } },
				{ json: { messages: [{ role: 'robot', content: 'three' }] } },
				{ json: { messages: { role: 'user', content: 'four' } } },
			],
			onError: 'continueRegularOutput',
		});

		expect(requests).toHaveLength(2);
		expect(items.map(({ json, pairedItem }) => [json.content ?? json.error, pairedItem])).toEqual([
			['Paris.', { item: 0 }],
			['Paris.', { item: 1 }],
			[
				'Messages (JSON): message 1 has an unknown role "robot" (expected one of system, developer, user, assistant, tool) [item 2]',
				{ item: 2 },
			],
			['Messages (JSON): must be an array of messages [item 3]', { item: 3 }],
		]);
	});

	it.each([
		['inference.do-ai.run', 'Base URL: "inference.do-ai.run" is not an http:// or https:// address [item 0]'],
		['ftp://127.0.0.1', 'Base URL: "ftp://127.0.0.1" is not an http:// or https:// address [item 0]'],
	])('rejects the Base URL %s, naming the field', async (baseUrl, message) => {
		const requests = interceptChat({ body: completion({ content: 'never sent' }) });
		const { error } = await runNode({
			parameters: chatParameters(),
			credentials: testCredentials({ baseUrl }),
		});
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(
			'Set the Base URL in the DigitalOcean Gradient credential, e.g. https://inference.do-ai.run',
		);
		expect(requests).toHaveLength(0);
	});
});
