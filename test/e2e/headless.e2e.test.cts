// The example workflows, run headless by n8n's own CLI (`n8n execute`) in a real n8n with the
// packed package installed, against the stand-in API.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIAL, expectExitCode, hasAiNodeSdk, outputOf, setUpRealN8n, STAND_IN_MODEL_IDS } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => n8n?.tearDown());

const echo = (model: string, prompt: string) => `Echo from ${model}: ${prompt}`;

/** The vectors the stand-in gives these texts, asked directly. */
async function standInVectors(texts: string[]): Promise<number[][]> {
	const response = await fetch(`${n8n.standIn.url}/v1/embeddings`, {
		method: 'POST',
		headers: { authorization: `Bearer ${n8n.standIn.key}`, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'qwen3-embedding-0.6b', input: texts }),
	});
	const { data } = (await response.json()) as { data: Array<{ embedding: number[] }> };
	return data.map(({ embedding }) => embedding);
}

describe('the example workflows in real n8n (headless)', () => {
	it('List models: one item per model of the key, sorted', async () => {
		const result = await n8n.execute('dogListModels001');
		expectExitCode(result, 0);
		const ids = outputOf(result, 'List Models').map(({ id }) => id);
		expect(ids).toEqual(STAND_IN_MODEL_IDS);
	});

	it('Summarize each review: a prompt from each item, the reply used by the next node', async () => {
		const result = await n8n.execute('dogSummarize0001');
		expectExitCode(result, 0);
		const reviews = outputOf(result, 'One item per review');
		const summaries = outputOf(result, 'Keep product and summary');
		expect(summaries).toEqual(
			reviews.map(({ product, text }) => ({
				product,
				summary: echo('llama3.3-70b-instruct', `Summarize this review of ${product} in one sentence: ${text}`),
				tokens: expect.any(Number),
			})),
		);
	});

	it('Answer a batch of questions: ten prompts in one run, collected into one item', async () => {
		const before = n8n.standIn.stats().completions;
		const result = await n8n.execute('dogDailyBatch001');
		expectExitCode(result, 0);
		const questions = outputOf(result, 'One item per question').map(({ question }) => question as string);
		expect(questions).toHaveLength(10);
		expect(outputOf(result, 'All answers')).toEqual([
			{ answers: questions.map((question) => echo('openai-gpt-4o-mini', question)) },
		]);
		expect(n8n.standIn.stats().completions - before).toBe(10);
	});

	it('Continue a conversation from JSON: the reply appended to the conversation', async () => {
		const result = await n8n.execute('dogConversation1');
		expectExitCode(result, 0);
		const [{ messages }] = outputOf(result, 'Conversation with reply') as Array<{ messages: unknown[] }>;
		expect(messages).toHaveLength(5);
		expect(messages[4]).toEqual({
			role: 'assistant',
			content: echo('anthropic-claude-3.5-haiku', 'And where should I have lunch after that?'),
		});
	});

	it('AI Agent: our Chat Model asks for our node as a tool, the node runs, the model answers from it', async () => {
		const before = n8n.standIn.stats().completions;
		// As DigitalOcean has been seen to answer: with an empty role.
		n8n.standIn.configure({ emptyRole: true });
		const result = await n8n.execute('dogAiAgent000001').finally(() => n8n.standIn.configure({ emptyRole: false }));
		if (!hasAiNodeSdk(n8n.n8nVersion)) {
			// n8n before 2.16 has no AI node SDK: the package loads, the Chat Model says what it needs.
			expectExitCode(result, 1);
			expect(result.stdout + result.stderr).toContain('The DigitalOcean Gradient Chat Model needs n8n 2.16 or newer');
			return;
		}
		expectExitCode(result, 0);
		const runData = result.output!.data.resultData.runData;
		// The model was called twice: once it asked for the tool, then it answered from the tool's result.
		expect(runData['DigitalOcean Gradient Chat Model']).toHaveLength(2);
		expect(n8n.standIn.stats().completions - before).toBe(2);
		// Our node ran once, as the agent's tool, and listed the models.
		expect(runData['List Models']).toHaveLength(1);
		const [{ output }] = outputOf(result, 'AI Agent') as Array<{ output: string }>;
		expect(output).toMatch(/^The tool answered: /);
		for (const id of STAND_IN_MODEL_IDS) expect(output).toContain(id);
		expect(JSON.stringify(result.output)).not.toContain(n8n.standIn.key);
	});

	it("Embed each item's text: the five texts in one request, each vector back on its own item", async () => {
		const before = n8n.standIn.stats();
		const result = await n8n.execute('dogEmbedTexts001');
		expectExitCode(result, 0);
		const after = n8n.standIn.stats();
		const texts = outputOf(result, 'Product descriptions').map(({ text }) => text as string);
		const rows = outputOf(result, 'SKU and vector');
		expect(rows.map(({ sku }) => sku)).toEqual(['K-100', 'P-200', 'B-300', 'T-400', 'M-500']);
		expect(after.byRoute['POST /v1/embeddings'] - (before.byRoute['POST /v1/embeddings'] ?? 0)).toBe(1);
		expect(after.embeddedInputs - before.embeddedInputs).toBe(5);
		// Each item has the vector the API gives its own text (paired through $('…').item).
		expect(rows.map(({ embedding }) => embedding)).toEqual(await standInVectors(texts));
		expect(JSON.stringify(result.output)).not.toContain(n8n.standIn.key);
	});

	it('RAG: our Embeddings index the documents into the In-Memory Vector Store; an AI Agent on our Chat Model finds the right one and answers from it', async () => {
		const before = n8n.standIn.stats();
		const result = await n8n.execute('dogRagInMemory01');
		const after = n8n.standIn.stats();
		const printed = result.stdout + result.stderr;
		expect(printed).not.toContain(n8n.standIn.key);
		if (!hasAiNodeSdk(n8n.n8nVersion)) {
			// The documents were still indexed with our Embeddings, in one request; only the Chat Model needs the SDK.
			expect(after.embeddedInputs - before.embeddedInputs).toBe(3);
			expect(after.byRoute['POST /v1/embeddings'] - (before.byRoute['POST /v1/embeddings'] ?? 0)).toBe(1);
			expectExitCode(result, 1);
			expect(printed).toContain('The DigitalOcean Gradient Chat Model needs n8n 2.16 or newer');
			return;
		}
		expectExitCode(result, 0);
		const runData = result.output!.data.resultData.runData;
		// The three documents in one request, then the agent's question in a second.
		expect(after.embeddedInputs - before.embeddedInputs).toBe(4);
		expect(after.byRoute['POST /v1/embeddings'] - (before.byRoute['POST /v1/embeddings'] ?? 0)).toBe(2);
		expect(outputOf(result, 'Index Documents').map(({ pageContent }) => pageContent)).toEqual(
			outputOf(result, 'Documents').map(({ text }) => text),
		);
		// The Embeddings sub-node's two calls are in the run data, as the editor shows them.
		const embeddingRuns = runData['DigitalOcean Gradient Embeddings'];
		expect(embeddingRuns.map(({ inputOverride }) => Object.keys(inputOverride!.ai_embedding![0]![0].json))).toEqual([
			['documents'],
			['query'],
		]);
		// The Knowledge Base ran once, as the agent's tool, and returned the shark, the one document about the ocean.
		expect(runData['Knowledge Base']).toHaveLength(1);
		const [{ output }] = outputOf(result, 'AI Agent') as Array<{ output: string }>;
		expect(output).toMatch(/^The tool answered: /);
		expect(output).toContain('The shark lives in the ocean and hunts fish.');
		expect(output).not.toContain('Apples');
		expect(output).not.toContain('dragon');
		expect(JSON.stringify(result.output)).not.toContain(n8n.standIn.key);
		expect(readFileSync(path.join(n8n.userFolder, '.n8n', 'database.sqlite')).includes(n8n.standIn.key)).toBe(false);
	});

	it('an AI Agent whose model API quotes the key back fails without the key in its output or database', async () => {
		// The Chat Model's first request is answered with the Authorization header quoted in the error.
		n8n.standIn.configure({ faults: [{ kind: 'echoKey', next: 1 }] });
		const result = await n8n.execute('dogAiAgent000001').finally(() => n8n.standIn.configure({ faults: [] }));
		const printed = result.stdout + result.stderr;
		expectExitCode(result, 1);
		if (hasAiNodeSdk(n8n.n8nVersion)) {
			expect(printed).toContain('The API rejected the request for model "openai-gpt-4o" as invalid');
		}
		expect(printed).not.toContain(n8n.standIn.key);
		expect(readFileSync(path.join(n8n.userFolder, '.n8n', 'database.sqlite')).includes(n8n.standIn.key)).toBe(false);
	});

	it('a wrong key fails with the 401 message, and no key appears in the output', async () => {
		const wrongKey = 'do-wrong-key-for-the-e2e-test-0123456789';
		await n8n.importCredentials([{ ...CREDENTIAL, data: { apiKey: wrongKey, baseUrl: n8n.standIn.url } }]);
		try {
			const result = await n8n.execute('dogListModels001');
			const printed = result.stdout + result.stderr;
			expectExitCode(result, 1);
			expect(printed).toContain('The model access key was rejected');
			expect(printed).not.toContain(wrongKey);
			expect(printed).not.toContain(n8n.standIn.key);
		} finally {
			await n8n.importCredentials([{ ...CREDENTIAL, data: { apiKey: n8n.standIn.key, baseUrl: n8n.standIn.url } }]);
		}
	});
});
