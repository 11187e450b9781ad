// Prompt Caching through n8n's engine: the marker on an Anthropic model's last system or
// developer message, the body left byte for byte as it was for any other model, the cache the
// stand-in writes once and reads after, and the usage that says so on each item.
import type { INodeParameters } from 'n8n-workflow';

import { completion, interceptChat } from './harness/api.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { runNode, testCredentials } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';

const HAIKU = 'anthropic-claude-3.5-haiku';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const question = { role: 'user', content: 'What is the capital of France?' };
const marked = (text: string, ttl: string) => ({ type: 'text', text, cache_control: { type: 'ephemeral', ttl } });

/** The body the API received for one Chat → Message a Model. */
async function sentBody(parameters: INodeParameters) {
	const requests = interceptChat({ body: completion({ content: 'Paris.' }) });
	const { error } = await runNode({ parameters });
	expect(error).toBeUndefined();
	expect(requests).toHaveLength(1);
	return requests[0].body;
}

const withSystemMessage = (model: string, options: INodeParameters = {}) =>
	chatParameters({ model: byId(model), systemMessage: 'Answer in one word.', options });

describe('Prompt Caching: the request', () => {
	it.each(['5m', '1h'])('marks the system message of an Anthropic model as a text part cached for %s', async (ttl) => {
		expect(await sentBody(withSystemMessage(HAIKU, { promptCaching: ttl }))).toEqual({
			model: HAIKU,
			messages: [{ role: 'system', content: [marked('Answer in one word.', ttl)] }, question],
		});
	});

	it('marks the last text part of the last system or developer message, and nothing else', async () => {
		const conversation = [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Earlier question' },
			{ role: 'assistant', content: 'Earlier answer' },
			{
				role: 'developer',
				content: [
					{ type: 'text', text: 'Use metric units.' },
					{ type: 'text', text: 'Cite the source.' },
					{ type: 'image_url', image_url: { url: 'https://example.com/chart.png' } },
				],
			},
			question,
		];
		const body = await sentBody(
			chatParameters({ model: byId(HAIKU), inputType: 'json', messagesJson: JSON.stringify(conversation), options: { promptCaching: '1h' } }),
		);
		expect(body).toEqual({
			model: HAIKU,
			messages: [
				...conversation.slice(0, 3),
				{
					role: 'developer',
					content: [
						{ type: 'text', text: 'Use metric units.' },
						marked('Cite the source.', '1h'),
						{ type: 'image_url', image_url: { url: 'https://example.com/chart.png' } },
					],
				},
				question,
			],
		});
	});

	it("keeps the user's own markers as they are and adds none (Anthropic takes at most four, longest lifetime first)", async () => {
		const messages = [{ role: 'system', content: [marked('Cite the source.', '1h')] }, { role: 'developer', content: 'Be brief.' }, question];
		const body = await sentBody(
			chatParameters({ model: byId(HAIKU), inputType: 'json', messagesJson: JSON.stringify(messages), options: { promptCaching: '5m' } }),
		);
		expect(body).toEqual({ model: HAIKU, messages });
	});

	it('marks nothing in a conversation without a system or developer message', async () => {
		expect(await sentBody(chatParameters({ model: byId(HAIKU), options: { promptCaching: '5m' } }))).toEqual({ model: HAIKU, messages: [question] });
	});

	it.each(['openai-gpt-4o', 'llama3.3-70b-instruct', 'router:software-engineering', 'inference-router'])(
		'leaves the body of %s exactly as it is without the option, key order included',
		async (model) => {
			const unset = await sentBody(withSystemMessage(model));
			expect(JSON.stringify(await sentBody(withSystemMessage(model, { promptCaching: '1h' })))).toBe(JSON.stringify(unset));
			expect(unset).toEqual({ model, messages: [{ role: 'system', content: 'Answer in one word.' }, question] });
		},
	);

	it('sends an Anthropic model nothing extra when the option is not added', async () => {
		expect(await sentBody(withSystemMessage(HAIKU))).toEqual({
			model: HAIKU,
			messages: [{ role: 'system', content: 'Answer in one word.' }, question],
		});
	});

	it('refuses a duration the API does not take, naming the field, and sends nothing', async () => {
		const requests = interceptChat({ body: completion({ content: 'Paris.' }) });
		const { error } = await runNode({ parameters: withSystemMessage(HAIKU, { promptCaching: '={{ "10m" }}' }) });
		expect(error?.message).toBe('Prompt Caching: "10m" is not a duration the API takes (5m or 1h) [item 0]');
		expect(requests).toHaveLength(0);
	});
});

describe('Prompt Caching: the usage on the item', () => {
	it("passes the API's cache fields on as they came, adding none", async () => {
		// An OpenAI model's answer as DigitalOcean gives it: the chat cache fields, and OpenAI's own cached_tokens.
		const usage = {
			prompt_tokens: 1200,
			completion_tokens: 8,
			total_tokens: 1208,
			cache_created_input_tokens: 0,
			cache_read_input_tokens: 1024,
			cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
			prompt_tokens_details: { cached_tokens: 1024 },
		};
		interceptChat({ body: { ...completion({ content: 'Paris.' }), model: 'openai-gpt-4o', usage } });
		const { items } = await runNode({ parameters: withSystemMessage('openai-gpt-4o') });
		expect(items[0].json.usage).toEqual(usage);
	});
});

describe('Prompt Caching on the stand-in', () => {
	const stand = useStandIn();
	/** 800 characters: 200 tokens as the stand-in counts them. */
	const INSTRUCTIONS = 'You answer questions about the library catalogue. '.repeat(16);
	const ITEMS = 100;

	beforeEach(() => stand.current.configure({ cacheMinTokens: 200 }));

	const runItems = (count: number, requestOptions: INodeParameters = {}) =>
		runNode({
			parameters: chatParameters({
				model: byId(HAIKU),
				prompt: '={{ $json.question }}',
				systemMessage: INSTRUCTIONS,
				options: { promptCaching: '5m' },
				requestOptions,
			}),
			input: Array.from({ length: count }, (_, index) => ({ json: { question: `Question ${index + 1}?` } })),
			credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }),
		});

	it('writes the instructions once and reads them for every later item, one request at a time', async () => {
		const { items, error } = await runItems(ITEMS, { maxConcurrentRequests: 1 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(ITEMS);
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 1, cacheReads: ITEMS - 1 });
	});

	it('writes them once at the default concurrency too: the first request goes alone, the others read what it wrote', async () => {
		// Answers that take a moment, as a model's do, so that requests would otherwise be in flight together.
		stand.current.configure({ latencyMs: 20 });
		const { items, error } = await runItems(ITEMS);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(ITEMS);
		const { cacheWrites, cacheReads, maxInFlight } = stand.current.stats();
		expect({ cacheWrites, cacheReads }).toEqual({ cacheWrites: 1, cacheReads: ITEMS - 1 });
		// Only the first request waited for its answer: the rest went out together.
		expect(maxInFlight).toBeGreaterThan(1);
	});

	const withTwoStyles = () =>
		chatParameters({
			model: byId(HAIKU),
			prompt: '={{ $json.question }}',
			systemMessage: `={{ $json.style }} ${INSTRUCTIONS}`,
			options: { promptCaching: '5m' },
		});
	const twoStyles = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ json: { question: `Question ${index + 1}?`, style: index % 2 ? 'Formal.' : 'Casual.' } }));

	it('warms each set of instructions apart: one write each', async () => {
		stand.current.configure({ latencyMs: 20 });
		const { items, error } = await runNode({
			parameters: withTwoStyles(),
			input: twoStyles(20),
			credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(20);
		const { cacheWrites, cacheReads } = stand.current.stats();
		expect({ cacheWrites, cacheReads }).toEqual({ cacheWrites: 2, cacheReads: 18 });
	});

	it('stops holding requests back once the first one failed: a failure they would all meet does not make the run go one at a time', async () => {
		// Every request refused as invalid, after the model's time: an option the model does not take, say.
		stand.current.configure({ latencyMs: 20, faults: [{ kind: 'status', status: 400, every: 1 }] });
		const { items } = await runNode({
			parameters: withTwoStyles(),
			input: twoStyles(20),
			credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }),
			onError: 'continueRegularOutput',
		});
		expect(items.map(({ json }) => json.error)).toEqual(Array(20).fill(`The API rejected the request for model "${HAIKU}" as invalid`));
		// Each style's first request went alone; once it failed, the others went together.
		expect(stand.current.stats().maxInFlight).toBeGreaterThan(2);
	});

	it("gives each item the API's usage with the cache fields", async () => {
		const { items } = await runItems(2, { maxConcurrentRequests: 1 });
		// 800 characters of instructions, a line break and "Question n?" (11): 203 tokens, 200 of them cached.
		const usage = (cache: { created?: number; read?: number }) => ({
			prompt_tokens: 3,
			completion_tokens: expect.any(Number),
			total_tokens: expect.any(Number),
			cache_created_input_tokens: cache.created ?? 0,
			cache_read_input_tokens: cache.read ?? 0,
			cache_creation: { ephemeral_5m_input_tokens: cache.created ?? 0, ephemeral_1h_input_tokens: 0 },
		});
		expect(items.map(({ json }) => json.usage)).toEqual([usage({ created: 200 }), usage({ read: 200 })]);
		expect(items.map(({ json }) => Object.keys(json))).toEqual([
			['content', 'finish_reason', 'model', 'usage'],
			['content', 'finish_reason', 'model', 'usage'],
		]);
	});
});
