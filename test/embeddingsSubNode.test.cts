import nock from 'nock';

import { embeddingsAnswer, interceptEmbeddings, testVector } from './harness/api.cjs';
import { failureOf } from './harness/chatModel.cjs';
import { supplyEmbeddings } from './harness/embeddings.cjs';
import { EMBEDDING_MODEL_ID } from './harness/parameters.cjs';
import { TEST_BASE_URL, TEST_KEY } from './harness/runNode.cjs';

const answer = (body: unknown) => ({ body: embeddingsAnswer(body) });
const inputsOf = (requests: Array<{ body: unknown }>) => requests.map(({ body }) => (body as { input: unknown }).input);

describe('DigitalOcean Gradient Embeddings (sub-node)', () => {
	it('embeds the documents Batch Size per request, sending only the model and the texts', async () => {
		const requests = interceptEmbeddings(answer, 3);
		const { embeddings } = await supplyEmbeddings({ options: { batchSize: 2 } });

		const vectors = await embeddings.embedDocuments(['a', 'bb', 'ccc', 'dddd', 'eeeee']);

		expect(vectors).toEqual(['a', 'bb', 'ccc', 'dddd', 'eeeee'].map(testVector));
		expect(requests.map(({ body }) => body).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
			{ model: EMBEDDING_MODEL_ID, input: ['a', 'bb'] },
			{ model: EMBEDDING_MODEL_ID, input: ['ccc', 'dddd'] },
			{ model: EMBEDDING_MODEL_ID, input: ['eeeee'] },
		]);
		expect(requests[0].path).toBe('/v1/embeddings');
		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
	});

	it('embeds a query as one input', async () => {
		const requests = interceptEmbeddings(answer);
		const { embeddings } = await supplyEmbeddings();
		expect(await embeddings.embedQuery('Which animal lives in the ocean?')).toEqual(
			testVector('Which animal lives in the ocean?'),
		);
		expect(requests.map(({ body }) => body)).toEqual([
			{ model: EMBEDDING_MODEL_ID, input: ['Which animal lives in the ocean?'] },
		]);
	});

	it("records each call as the sub-node's run, input and output, as the editor shows it", async () => {
		interceptEmbeddings(answer, 2);
		const { embeddings, runData, aiEvents } = await supplyEmbeddings();
		await embeddings.embedDocuments(['one', 'two']);
		await embeddings.embedQuery('three');

		expect(aiEvents).toEqual(['ai-document-embedded', 'ai-query-embedded']);
		expect(runData().map(({ inputOverride, data }) => [inputOverride, data])).toEqual([
			[
				{ ai_embedding: [[{ json: { documents: ['one', 'two'] } }]] },
				{ ai_embedding: [[{ json: { response: [testVector('one'), testVector('two')] } }]] },
			],
			[{ ai_embedding: [[{ json: { query: 'three' } }]] }, { ai_embedding: [[{ json: { response: testVector('three') } }]] }],
		]);
	});

	it('decodes base64 vectors from a server that sends them', async () => {
		interceptEmbeddings((body) => ({ body: embeddingsAnswer(body, { base64: true }) }));
		const { embeddings } = await supplyEmbeddings();
		expect(await embeddings.embedQuery('A shark')).toEqual(testVector('A shark'));
	});

	it('retries a rate-limited request and words the last failure like the node', async () => {
		const tooMany = { status: 429, body: { id: 'too_many_requests', message: 'Slow down.' }, headers: { 'retry-after': '0' } };
		const requests = interceptEmbeddings(tooMany, 2);
		const { embeddings, runData } = await supplyEmbeddings({ options: { maxRetries: 1 } });

		const error = await failureOf(embeddings.embedQuery('a'));
		expect(requests).toHaveLength(2);
		expect(error.message).toBe(
			'Rate limit reached: DigitalOcean is receiving too many requests from this key (gave up after 2 attempts)',
		);
		expect(error.description).toContain('DigitalOcean said: Slow down.');
		expect(runData()[0].error?.message).toBe(error.message);
	});

	it('does not retry a rejected key, and hides the key the API quotes back', async () => {
		const requests = interceptEmbeddings({
			status: 401,
			body: { id: 'unauthorized', message: `Incorrect API key provided: ${TEST_KEY}` },
		});
		const { embeddings, runData } = await supplyEmbeddings();

		const error = await failureOf(embeddings.embedDocuments(['a']));
		expect(requests).toHaveLength(1);
		expect(error.message).toBe('The model access key was rejected');
		expect(error.description).toBe(
			'DigitalOcean said: Incorrect API key provided: [redacted]. Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.',
		);
		expect(JSON.stringify(error)).not.toContain(TEST_KEY);
		expect(JSON.stringify(runData())).not.toContain(TEST_KEY);
	});

	it('names the model an unknown-model answer was for', async () => {
		interceptEmbeddings({ status: 404, body: { id: 'not_found', message: 'model not found' } });
		const { embeddings } = await supplyEmbeddings({ model: { __rl: true, mode: 'id', value: 'no-such-model' } });
		expect((await failureOf(embeddings.embedQuery('a'))).message).toBe('Model "no-such-model" was not found');
	});

	it('refuses an empty document, naming it, and sends nothing', async () => {
		const requests = interceptEmbeddings(answer);
		const { embeddings } = await supplyEmbeddings();
		expect((await failureOf(embeddings.embedDocuments(['fine', ' ']))).message).toBe(
			'Document 1: is empty; there is nothing to embed',
		);
		expect((await failureOf(embeddings.embedQuery(''))).message).toBe('Query: is empty; there is nothing to embed');
		expect(requests).toHaveLength(0);
		nock.cleanAll();
	});

	it('fails clearly when the answer does not hold one vector per text', async () => {
		interceptEmbeddings((body) => {
			const reply = embeddingsAnswer(body);
			return { body: { ...reply, data: reply.data.slice(1) } };
		});
		const { embeddings } = await supplyEmbeddings();
		expect((await failureOf(embeddings.embedDocuments(['a', 'b']))).message).toBe(
			'The API answered with 1 embeddings for 2 inputs',
		);
	});

	it('keeps at most Max Concurrent Requests in flight', async () => {
		let inFlight = 0;
		let most = 0;
		nock(TEST_BASE_URL)
			.post('/v1/embeddings')
			.times(6)
			.reply(async (_uri, body) => {
				inFlight += 1;
				most = Math.max(most, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				await new Promise((resolve) => setTimeout(resolve, 20));
				inFlight -= 1;
				return [200, embeddingsAnswer(body)];
			});
		const { embeddings } = await supplyEmbeddings({ options: { batchSize: 1, maxConcurrentRequests: 2 } });
		const texts = ['a', 'b', 'c', 'd', 'e', 'f'];
		expect(await embeddings.embedDocuments(texts)).toEqual(texts.map(testVector));
		expect(most).toBe(2);
	});

	it('stops the other requests of a call once one has failed', async () => {
		const requests = interceptEmbeddings({ status: 400, body: { id: 'bad_request', message: 'input too long' } }, 3);
		const { embeddings } = await supplyEmbeddings({ options: { batchSize: 1, maxConcurrentRequests: 1 } });
		expect((await failureOf(embeddings.embedDocuments(['a', 'b', 'c']))).message).toBe(
			`The API rejected the request for model "${EMBEDDING_MODEL_ID}" as invalid`,
		);
		expect(inputsOf(requests)).toEqual([['a']]);
		nock.cleanAll();
	});

	it('refuses a model that is not set and an option out of range, naming them', async () => {
		expect((await failureOf(supplyEmbeddings({ model: { __rl: true, mode: 'list', value: '' } }))).message).toBe(
			'Model: no model is selected',
		);
		expect((await failureOf(supplyEmbeddings({ options: { batchSize: 4096 } }))).message).toBe(
			'Batch Size: 4096 is not a whole number from 1 to 2048',
		);
	});
});

describe('the inputs of many requests', () => {
	it('100 texts in batches of 25 come back in the order of the texts', async () => {
		const requests = interceptEmbeddings(answer, 4);
		const { embeddings } = await supplyEmbeddings({ options: { batchSize: 25 } });
		const texts = Array.from({ length: 100 }, (_, index) => `text ${index}`);
		expect(await embeddings.embedDocuments(texts)).toEqual(texts.map(testVector));
		expect(inputsOf(requests).flat().sort()).toEqual([...texts].sort());
	});
});
