// The stand-in's prompt caching (dev/stand-in/promptCache.js): an Anthropic model's prefix up
// to the last marked content part is written by the first request and read by later ones, and
// the usage says so, as DigitalOcean documents it.
import { postToStandIn, useStandIn } from './harness/standIn.cjs';

const stand = useStandIn();

const HAIKU = 'anthropic-claude-3.5-haiku';
/** 400 characters: 100 tokens as the stand-in counts them. */
const INSTRUCTIONS = 'Answer as a careful librarian. '.repeat(20).slice(0, 400);

const marked = (ttl?: string, text = INSTRUCTIONS) => ({ type: 'text', text, cache_control: { type: 'ephemeral', ...(ttl ? { ttl } : {}) } });
const conversation = (system: unknown, question = 'Which book first?') => [
	{ role: 'system', content: [system] },
	{ role: 'user', content: question },
];
const chat = (body: Record<string, unknown>) => postToStandIn(stand.current, '/v1/chat/completions', { model: HAIKU, ...body });

const usage = (prompt: number, completion: number, cache: { created?: number; read?: number; ttl?: '5m' | '1h' } = {}) => ({
	prompt_tokens: prompt,
	completion_tokens: completion,
	total_tokens: prompt + completion,
	cache_created_input_tokens: cache.created ?? 0,
	cache_read_input_tokens: cache.read ?? 0,
	cache_creation: {
		ephemeral_5m_input_tokens: cache.ttl === '5m' ? (cache.created ?? 0) : 0,
		ephemeral_1h_input_tokens: cache.ttl === '1h' ? (cache.created ?? 0) : 0,
	},
});

describe('prompt caching in the stand-in', () => {
	beforeEach(() => stand.current.configure({ cacheMinTokens: 100 }));

	it.each(['5m', '1h'] as const)('writes the marked prefix once (ttl %s), then reads it; prompt_tokens leaves it out', async (ttl) => {
		const messages = conversation(marked(ttl));
		const first = await chat({ messages });
		const second = await chat({ messages: conversation(marked(ttl), 'And after that?') });

		// The whole prompt is 105 tokens (the instructions, a line break and the question): 100 of them cached.
		expect(first.json.usage).toEqual(usage(5, first.json.usage.completion_tokens, { created: 100, ttl }));
		expect(second.json.usage).toEqual(usage(4, second.json.usage.completion_tokens, { read: 100 }));
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 1, cacheReads: 1 });
	});

	it('takes a marker without a ttl as 5 minutes, as documented', async () => {
		expect((await chat({ messages: conversation(marked()) })).json.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 0 });
	});

	it('answers without a marker with the cache fields at zero', async () => {
		const { json } = await chat({ messages: [{ role: 'user', content: 'Hello' }] });
		expect(json.usage).toEqual(usage(2, json.usage.completion_tokens));
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 0, cacheReads: 0 });
	});

	it('caches nothing below cacheMinTokens', async () => {
		stand.current.configure({ cacheMinTokens: 101 });
		await chat({ messages: conversation(marked('5m')) });
		const { json } = await chat({ messages: conversation(marked('5m')) });
		expect(json.usage).toMatchObject({ cache_created_input_tokens: 0, cache_read_input_tokens: 0, prompt_tokens: 105 });
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 0, cacheReads: 0 });
	});

	it('keys the cache by the model, the tools and the prefix', async () => {
		const tools = [{ type: 'function', function: { name: 'find_book' } }];
		await chat({ messages: conversation(marked('5m')) });
		await chat({ messages: conversation(marked('5m')), tools });
		await chat({ model: 'anthropic-claude-4.6-sonnet', messages: conversation(marked('5m')) });
		await chat({ messages: conversation(marked('5m', `${INSTRUCTIONS}!`)) });
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 4, cacheReads: 0 });
	});

	it('forgets the cache on reset', async () => {
		await chat({ messages: conversation(marked('5m')) });
		stand.current.reset();
		stand.current.configure({ cacheMinTokens: 100 });
		await chat({ messages: conversation(marked('5m')) });
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 1, cacheReads: 0 });
	});

	it.each([
		[{ type: 'persistent' }, "messages[0].content[0].cache_control.type: Input should be 'ephemeral'"],
		[{ type: 'ephemeral', ttl: '10m' }, "messages[0].content[0].cache_control.ttl: Input should be '5m' or '1h'"],
	])('refuses the cache_control %j in the API\'s error style', async (cacheControl, message) => {
		const { status, json } = await chat({ messages: conversation({ type: 'text', text: 'Hi', cache_control: cacheControl }) });
		expect(status).toBe(400);
		expect(json).toEqual({ error: { message, type: 'invalid_request_error' } });
	});

	it('ignores cache_control sent to other models (what DigitalOcean does with it is not documented)', async () => {
		const { status, json } = await chat({ model: 'openai-gpt-4o', messages: conversation({ type: 'text', text: INSTRUCTIONS, cache_control: { type: 'bogus' } }) });
		expect(status).toBe(200);
		expect(Object.keys(json.usage)).toEqual(['prompt_tokens', 'completion_tokens', 'total_tokens']);
		expect(stand.current.stats()).toMatchObject({ cacheWrites: 0, cacheReads: 0 });
	});
});
