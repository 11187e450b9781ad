import { completion, interceptChat } from './harness/api.cjs';
import { chatParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, TEST_KEY } from './harness/runNode.cjs';

/** Runs one Chat Completion and returns the request body the API received. */
async function sentBody(parameters = chatParameters(), reply = completion({ content: 'Paris.' })) {
	const requests = interceptChat({ body: reply });
	const { error } = await runNode({ parameters });
	expect(error).toBeUndefined();
	expect(requests).toHaveLength(1);
	return requests[0].body;
}

const prompt = [{ role: 'user', content: 'What is the capital of France?' }];

describe('Chat Completion: the request', () => {
	it('sends a prompt as the only user message, with the key as a bearer token', async () => {
		const requests = interceptChat({ body: completion({ content: 'Paris.' }) });
		await runNode({ parameters: chatParameters() });

		expect(requests[0].path).toBe('/v1/chat/completions');
		expect(requests[0].body).toEqual({ model: MODEL_ID, messages: prompt });
		expect(requests[0].headers).toMatchObject({
			authorization: `Bearer ${TEST_KEY}`,
			accept: 'application/json',
			'content-type': 'application/json',
		});
	});

	it('puts the system message first', async () => {
		expect(await sentBody(chatParameters({ systemMessage: 'Answer in one word.' }))).toEqual({
			model: MODEL_ID,
			messages: [{ role: 'system', content: 'Answer in one word.' }, ...prompt],
		});
	});

	it('takes a model given by ID', async () => {
		const body = await sentBody(
			chatParameters({ model: { __rl: true, mode: 'id', value: 'openai-gpt-4o' } }),
		);
		expect(body).toEqual({ model: 'openai-gpt-4o', messages: prompt });
	});

	it('builds a prompt from the incoming item by expression', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		await runNode({
			parameters: chatParameters({ prompt: '=Summarize: {{ $json.review }}' }),
			input: [{ json: { review: 'Great, but slow.' } }],
		});
		expect(requests[0].body).toEqual({
			model: MODEL_ID,
			messages: [{ role: 'user', content: 'Summarize: Great, but slow.' }],
		});
	});

	it('sends a Messages list with every role, tool messages with their tool_call_id', async () => {
		const body = await sentBody(
			chatParameters({
				inputType: 'messages',
				messages: {
					message: [
						{ role: 'system', content: 'Be brief.' },
						{ role: 'developer', content: 'Use metric units.' },
						{ role: 'user', content: 'Weather in Paris?' },
						{ role: 'assistant', content: 'Let me check.' },
						{ role: 'tool', content: '{"celsius": 21}', toolCallId: 'call_1' },
					],
				},
			}),
		);
		expect(body).toEqual({
			model: MODEL_ID,
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'developer', content: 'Use metric units.' },
				{ role: 'user', content: 'Weather in Paris?' },
				{ role: 'assistant', content: 'Let me check.' },
				{ role: 'tool', content: '{"celsius": 21}', tool_call_id: 'call_1' },
			],
		});
	});

	it('sends Messages (JSON) typed as JSON unchanged', async () => {
		const conversation = [
			{ role: 'user', content: 'Weather in Paris?' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } },
				],
			},
			{ role: 'tool', tool_call_id: 'call_1', content: '21 °C' },
		];
		const body = await sentBody(
			chatParameters({ inputType: 'json', messagesJson: JSON.stringify(conversation) }),
		);
		expect(body).toEqual({ model: MODEL_ID, messages: conversation });
	});

	it('takes Messages (JSON) from an earlier node by expression', async () => {
		const conversation = [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: [{ type: 'text', text: 'Hello' }] },
		];
		const requests = interceptChat({ body: completion({ content: 'Hi' }) });
		await runNode({
			parameters: chatParameters({ inputType: 'json', messagesJson: '={{ $json.conversation }}' }),
			input: [{ json: { conversation } }],
		});
		expect(requests[0].body).toEqual({ model: MODEL_ID, messages: conversation });
	});

	it('sends nothing but the model and messages when no option is set', async () => {
		expect(await sentBody(chatParameters({ options: {} }))).toEqual({
			model: MODEL_ID,
			messages: prompt,
		});
	});

	it.each([
		['temperature', 0.2, { temperature: 0.2 }],
		['topP', 0.9, { top_p: 0.9 }],
		['maxCompletionTokens', 512, { max_completion_tokens: 512 }],
		['maxTokens', 256, { max_tokens: 256 }],
		['n', 3, { n: 3 }],
		['presencePenalty', -0.5, { presence_penalty: -0.5 }],
		['frequencyPenalty', 1.5, { frequency_penalty: 1.5 }],
		['seed', 42, { seed: 42 }],
		['reasoningEffort', 'low', { reasoning_effort: 'low' }],
		['logprobs', true, { logprobs: true }],
		['topLogprobs', 5, { top_logprobs: 5 }],
		['user', 'user-1234', { user: 'user-1234' }],
		['logitBias', '{"50256": -100, "15496": 5}', { logit_bias: { 50256: -100, 15496: 5 } }],
		[
			'stopSequences',
			{ values: [{ sequence: 'END' }, { sequence: 'a, b' }, { sequence: '\n\n' }] },
			{ stop: ['END', 'a, b', '\n\n'] },
		],
		[
			'metadata',
			{ pair: [{ key: 'workflow', value: 'digest' }, { key: 'run', value: '7' }] },
			{ metadata: { workflow: 'digest', run: '7' } },
		],
	])('sends the option %s and nothing else', async (option, value, expected) => {
		const body = await sentBody(chatParameters({ options: { [option]: value } }));
		expect(body).toEqual({ model: MODEL_ID, messages: prompt, ...expected });
	});

	it('does not send Output Content as JSON: it only shapes the output', async () => {
		const reply = completion({ content: '{"city": "Paris"}' });
		expect(await sentBody(chatParameters({ options: { jsonOutput: true } }), reply)).toEqual({
			model: MODEL_ID,
			messages: prompt,
		});
	});

	const weatherTool = {
		name: 'get_weather',
		description: 'Current weather in a city',
		parameters: JSON.stringify({
			type: 'object',
			properties: { city: { type: 'string' } },
			required: ['city'],
		}),
	};
	const weatherFunction = {
		type: 'function',
		function: {
			name: 'get_weather',
			description: 'Current weather in a city',
			parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
		},
	};

	it('sends tools as function definitions with parsed JSON-Schema parameters', async () => {
		const body = await sentBody(
			chatParameters({
				options: { tools: { tool: [weatherTool, { name: 'now', description: '', parameters: '' }] } },
			}),
		);
		expect(body).toEqual({
			model: MODEL_ID,
			messages: prompt,
			tools: [weatherFunction, { type: 'function', function: { name: 'now' } }],
		});
	});

	it.each(['auto', 'none', 'required'])('sends tool choice "%s" as a string', async (choice) => {
		const body = await sentBody(
			chatParameters({ options: { tools: { tool: [weatherTool] }, toolChoice: choice } }),
		);
		expect(body).toEqual({
			model: MODEL_ID,
			messages: prompt,
			tools: [weatherFunction],
			tool_choice: choice,
		});
	});

	it('sends a named function as tool choice in the API object form', async () => {
		const body = await sentBody(
			chatParameters({
				options: {
					tools: { tool: [weatherTool] },
					toolChoice: 'function',
					toolChoiceFunctionName: 'get_weather',
				},
			}),
		);
		expect(body).toEqual({
			model: MODEL_ID,
			messages: prompt,
			tools: [weatherFunction],
			tool_choice: { type: 'function', function: { name: 'get_weather' } },
		});
	});

	it('sends one request per input item, each with its own prompt', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) }, 3);
		await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}' }),
			input: [{ json: { q: 'one' } }, { json: { q: 'two' } }, { json: { q: 'three' } }],
		});
		const contents = requests.map(
			(request) => (request.body as { messages: Array<{ content: string }> }).messages[0].content,
		);
		expect(contents.sort()).toEqual(['one', 'three', 'two']);
	});
});
