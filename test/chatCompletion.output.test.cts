import { completion, interceptChat } from './harness/api.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { runNode, TEST_KEY } from './harness/runNode.cjs';

const usage = { prompt_tokens: 43, completion_tokens: 8, total_tokens: 51 };
const model = 'llama3.3-70b-instruct';

describe('Chat Completion: the output', () => {
	it('simplifies a reply to content, finish reason, model and usage', async () => {
		interceptChat({ body: completion({ content: 'Paris.' }) });
		const { items, error, run } = await runNode({ parameters: chatParameters() });

		expect(error).toBeUndefined();
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
		expect(items).toEqual([
			{
				json: { content: 'Paris.', finish_reason: 'stop', model, usage },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('keeps reasoning content when the model sends it', async () => {
		interceptChat({
			body: completion({ content: 'Paris.', reasoning_content: 'France → Paris.' }),
		});
		const { items } = await runNode({ parameters: chatParameters() });
		expect(items[0].json).toEqual({
			content: 'Paris.',
			reasoning_content: 'France → Paris.',
			finish_reason: 'stop',
			model,
			usage,
		});
	});

	it('returns the response body unchanged with Simplify off', async () => {
		const body = completion({ content: 'Paris.' });
		interceptChat({ body });
		const { items } = await runNode({ parameters: chatParameters({ simplify: false }) });
		expect(items).toEqual([{ json: body, pairedItem: { item: 0 } }]);
	});

	it('gives one item per choice when several completions come back', async () => {
		interceptChat({ body: completion({ content: 'Paris.' }, { content: 'It is Paris.' }) });
		const { items } = await runNode({ parameters: chatParameters({ options: { n: 2 } }) });
		expect(items).toEqual([
			{
				json: { content: 'Paris.', finish_reason: 'stop', model, usage },
				pairedItem: { item: 0 },
			},
			{
				json: { content: 'It is Paris.', finish_reason: 'stop', model, usage },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('pairs every choice with the input item it answers', async () => {
		interceptChat(
			(body) => {
				const { messages } = body as { messages: Array<{ content: string }> };
				return { body: completion({ content: `${messages[0].content}!` }, { content: '?' }) };
			},
			3,
		);
		const { items } = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}', options: { n: 2 } }),
			input: [{ json: { q: 'a' } }, { json: { q: 'b' } }, { json: { q: 'c' } }],
		});
		expect(items.map(({ json, pairedItem }) => [json.content, pairedItem])).toEqual([
			['a!', { item: 0 }],
			['?', { item: 0 }],
			['b!', { item: 1 }],
			['?', { item: 1 }],
			['c!', { item: 2 }],
			['?', { item: 2 }],
		]);
	});

	it('returns tool calls with their arguments parsed, and no content', async () => {
		interceptChat({
			body: completion({
				content: null,
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
					},
					{ id: 'call_2', type: 'function', function: { name: 'broken', arguments: '{"city":' } },
				],
			}),
		});
		const { items } = await runNode({ parameters: chatParameters() });
		expect(items[0].json).toEqual({
			content: null,
			tool_calls: [
				{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: { city: 'Paris' } } },
				{ id: 'call_2', type: 'function', function: { name: 'broken', arguments: '{"city":' } },
			],
			finish_reason: 'tool_calls',
			model,
			usage,
		});
	});

	it('parses the reply as JSON with Output Content as JSON', async () => {
		interceptChat({ body: completion({ content: '{"city": "Paris", "country": "France"}' }) });
		const { items } = await runNode({ parameters: chatParameters({ options: { jsonOutput: true } }) });
		expect(items[0].json).toEqual({
			content: { city: 'Paris', country: 'France' },
			finish_reason: 'stop',
			model,
			usage,
		});
	});

	it('accepts JSON wrapped in a Markdown code fence, as n8n\'s Structured Output Parser does', async () => {
		interceptChat({ body: completion({ content: '```json\n{"city": "Paris"}\n```' }) });
		const fenced = await runNode({ parameters: chatParameters({ options: { jsonOutput: true } }) });
		interceptChat({ body: completion({ content: '```\n[1, 2]\n```\n' }) });
		const bare = await runNode({ parameters: chatParameters({ options: { jsonOutput: true } }) });
		expect([fenced.items[0].json.content, bare.items[0].json.content]).toEqual([{ city: 'Paris' }, [1, 2]]);
	});

	it('joins a reply given as a list of text parts', async () => {
		const body = completion({ content: 'unused' }) as { choices: Array<{ message: { content: unknown } }> };
		body.choices[0].message.content = [
			{ type: 'text', text: 'Paris ' },
			{ type: 'text', text: 'is the capital.' },
		];
		interceptChat({ body });
		const { items } = await runNode({ parameters: chatParameters() });
		expect(items[0].json).toEqual({ content: 'Paris is the capital.', finish_reason: 'stop', model, usage });
	});

	it('passes a refusal on in the simplified output', async () => {
		const body = completion({ content: null }) as { choices: Array<{ message: { refusal: unknown } }> };
		body.choices[0].message.refusal = 'I cannot help with that.';
		interceptChat({ body });
		const { items } = await runNode({ parameters: chatParameters() });
		expect(items[0].json).toEqual({
			content: null,
			warning: 'The model returned no content (finish reason: stop)',
			refusal: 'I cannot help with that.',
			finish_reason: 'stop',
			model,
			usage,
		});
	});

	it('parses the content inside the raw body too when Simplify is off', async () => {
		const body = completion({ content: '[1, 2, 3]' });
		interceptChat({ body });
		const { items } = await runNode({
			parameters: chatParameters({ simplify: false, options: { jsonOutput: true } }),
		});
		const expected = structuredClone(body) as { choices: Array<{ message: { content: unknown } }> };
		expected.choices[0].message.content = [1, 2, 3];
		expect(items[0].json).toEqual(expected);
	});

	it('fails the item with a clear error when the reply is not JSON', async () => {
		interceptChat({ body: completion({ content: 'Sure! Here is the JSON: {"city": "Paris"}' }) });
		const { error } = await runNode({
			parameters: chatParameters({ options: { jsonOutput: true } }),
		});
		expect(error?.message).toBe('The reply is not valid JSON');
		expect(error?.description).toBe(
			'"Output Content as JSON" is on, but the model answered: "Sure! Here is the JSON: {"city": "Paris"}". Ask for JSON only in the prompt, or turn the option off.',
		);
	});

	it('says so when a choice has neither content nor tool calls, without failing', async () => {
		const body = completion({ content: null });
		body.choices[0].finish_reason = 'content_filter';
		interceptChat({ body });
		const { items, error } = await runNode({ parameters: chatParameters() });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			content: null,
			warning: 'The model returned no content (finish reason: content_filter)',
			finish_reason: 'content_filter',
			model,
			usage,
		});
	});

	it('passes very large and non-ASCII replies through unchanged', async () => {
		const large = 'Größe 大きい 🚀 مرحبا '.repeat(60_000);
		interceptChat({ body: completion({ content: large }, { content: 'naïve café — 東京 ✓' }) });
		const { items } = await runNode({ parameters: chatParameters() });
		expect(items.map(({ json }) => json.content)).toEqual([large, 'naïve café — 東京 ✓']);
		expect(large.length).toBeGreaterThan(1_000_000);
	});
});
