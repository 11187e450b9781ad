// The inference-router and prompt-caching examples, run headless by n8n's own CLI (`n8n execute`)
// in a real n8n with the packed package installed, against the stand-in API: its routers pick a
// model by the words of the last user message, and it caches an Anthropic model's marked prefix.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES_DIR, expectExitCode, outputOf, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => n8n?.tearDown());
// The stand-in forgets its pinned picks and its prompt cache with its stats.
beforeEach(() => n8n.standIn.reset());

interface Workflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; parameters: Record<string, any> }>;
}

const example = (file: string): Workflow => JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));

/** A copy of an example under another ID, with one node's parameters changed. */
function changedCopy(file: string, id: string, nodeName: string, change: (parameters: Record<string, any>) => void): Workflow {
	const workflow = example(file);
	const node = workflow.nodes.find(({ name }) => name === nodeName);
	if (!node) throw new Error(`${file} has no node "${nodeName}"`);
	change(node.parameters);
	return { ...workflow, id, name: `${workflow.name} (${id})` };
}

const echo = (model: string, prompt: string) => `Echo from ${model}: ${prompt}`;

describe('an inference router, one model per conversation (router-conversation.json)', () => {
	const FIX = 'The function parseInvoice() throws on an empty total. Can you fix the bug?';
	const SUMMARIZE_FIX = 'Please summarize the fix so I can tell my team.';
	const ANYTHING_ELSE = 'Thanks! Anything else I should check before the release?';
	const SUMMARIZE_THREAD = 'Summarize this thread for the next shift: the customer was charged twice.';
	const PAYMENT_BUG = 'Is that a bug in the payment function?';

	const CODE = { route: 'Code Generation', model: 'openai-gpt-4o' };
	const SUMMARY = { route: 'Summarization', model: 'anthropic-claude-3.5-haiku' };

	const item = (sessionId: string, question: string, { route, model }: { route?: string; model: string }) => ({
		sessionId,
		question,
		route: route ?? null,
		model,
		content: echo(model, question),
	});

	it('gives every message of a conversation the model the router picked for its first, by Model Affinity', async () => {
		const result = await n8n.execute('dogRouterConvo01');
		expectExitCode(result, 0);
		expect(outputOf(result, 'Question, route and model')).toEqual([
			item('support-42', FIX, CODE),
			item('support-42', SUMMARIZE_FIX, CODE),
			item('support-42', ANYTHING_ELSE, CODE),
			item('support-43', SUMMARIZE_THREAD, SUMMARY),
			item('support-43', PAYMENT_BUG, SUMMARY),
		]);
		// Every request carried its conversation's X-Model-Affinity header, one at a time as the example asks.
		expect(n8n.standIn.stats()).toMatchObject({
			routedRequests: 5,
			byAffinity: {
				'support-42': { ...CODE, requests: 3 },
				'support-43': { ...SUMMARY, requests: 2 },
			},
			maxInFlight: 1,
		});
	});

	it('lets the router pick for each message by itself without Model Affinity', async () => {
		const copy = changedCopy('router-conversation.json', 'dogRouterConvo02', 'Ask the router', (parameters) => {
			delete parameters.options.modelAffinity;
		});
		await n8n.importWorkflowObject(copy);
		const result = await n8n.execute(copy.id);
		expectExitCode(result, 0);
		// No task matches the third message: the fallback model answers, and no route is named (Edit Fields sets null).
		expect(outputOf(result, 'Question, route and model')).toEqual([
			item('support-42', FIX, CODE),
			item('support-42', SUMMARIZE_FIX, SUMMARY),
			item('support-42', ANYTHING_ELSE, { model: 'llama3.3-70b-instruct' }),
			item('support-43', SUMMARIZE_THREAD, SUMMARY),
			item('support-43', PAYMENT_BUG, CODE),
		]);
		expect(n8n.standIn.stats()).toMatchObject({ routedRequests: 5, byAffinity: {} });
	});
});

describe('one long style guide for many replies, cached (prompt-caching.json)', () => {
	const MODEL = 'anthropic-claude-4.6-sonnet';
	const workflow = example('prompt-caching.json');
	const guide: string = workflow.nodes.find(({ name }) => name === 'Draft a reply')!.parameters.systemMessage;
	/** The stand-in's tokens: a quarter of the characters, rounded up. */
	const tokens = (text: string) => Math.ceil(text.length / 4);
	/** The system message alone is the cached prefix. */
	const CACHED = tokens(guide);
	const promptOf = ({ customer, message }: Record<string, unknown>) => `Draft a reply to this message from ${customer}:\n\n${message}`;
	/** The input tokens outside the cache: the whole prompt (system message, a line break, the prompt) less the prefix. */
	const uncachedTokens = (prompts: string[]) => prompts.reduce((sum, prompt) => sum + tokens(`${guide}\n${prompt}`) - CACHED, 0);

	it('has a style guide long enough to be cached (1,024 tokens as the stand-in counts them)', () => {
		expect(CACHED).toBeGreaterThanOrEqual(1024);
	});

	async function run(workflowId: string) {
		const result = await n8n.execute(workflowId);
		expectExitCode(result, 0);
		const prompts = outputOf(result, 'Customer messages').map(promptOf);
		const drafts = outputOf(result, 'Draft a reply');
		expect(drafts.map(({ content, model }) => ({ content, model }))).toEqual(prompts.map((prompt) => ({ content: echo(MODEL, prompt), model: MODEL })));
		const [savings, ...more] = outputOf(result, 'Cache savings');
		expect(more).toEqual([]);
		return { prompts, usages: drafts.map(({ usage }) => usage as Record<string, number>), savings, stats: n8n.standIn.stats() };
	}

	it('writes the style guide once and reads it for every later message, one request at a time', async () => {
		const copy = changedCopy('prompt-caching.json', 'dogPromptCache02', 'Draft a reply', (parameters) => {
			parameters.requestOptions = { maxConcurrentRequests: 1 };
		});
		await n8n.importWorkflowObject(copy);
		const { prompts, usages, savings, stats } = await run(copy.id);
		const count = prompts.length;
		expect(count).toBe(20);
		expect(stats).toMatchObject({ cacheWrites: 1, cacheReads: count - 1, maxInFlight: 1 });
		// The first answer wrote the prefix; every later one read the same prefix: the same marked system message.
		expect(usages.map((usage) => [usage.cache_created_input_tokens, usage.cache_read_input_tokens])).toEqual(
			prompts.map((_, index) => (index === 0 ? [CACHED, 0] : [0, CACHED])),
		);
		expect(savings).toEqual({
			requests: count,
			cacheWrites: 1,
			cacheReads: count - 1,
			cache_created_input_tokens: CACHED,
			cache_read_input_tokens: (count - 1) * CACHED,
			prompt_tokens: uncachedTokens(prompts),
		});
	});

	it('writes it once at the default concurrency too: the first request goes alone, the rest together read it', async () => {
		// Answers that take a moment, as a model's do, so that requests would otherwise be in flight together.
		n8n.standIn.configure({ latencyMs: 200 });
		const { prompts, savings, stats } = await run('dogPromptCache01');
		const count = prompts.length;
		const { cacheWrites, cacheReads, maxInFlight } = stats;
		console.log(`Prompt caching at the default concurrency: ${count} items, ${cacheWrites} writes, ${cacheReads} reads, at most ${maxInFlight} in flight`);
		expect({ cacheWrites, cacheReads }).toEqual({ cacheWrites: 1, cacheReads: count - 1 });
		expect(maxInFlight).toBeGreaterThan(1);
		expect(savings).toEqual({
			requests: count,
			cacheWrites: 1,
			cacheReads: count - 1,
			cache_created_input_tokens: CACHED,
			cache_read_input_tokens: (count - 1) * CACHED,
			prompt_tokens: uncachedTokens(prompts),
		});
	});
});
