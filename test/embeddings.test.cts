import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { embeddingsAnswer, interceptEmbeddings, testVector } from './harness/api.cjs';
import { EMBEDDING_MODEL_ID, embeddingParameters, embeddingParametersWithText } from './harness/parameters.cjs';
import { runNode } from './harness/runNode.cjs';

const texts = (...values: unknown[]): INodeExecutionData[] => values.map((text) => ({ json: { text } as IDataObject }));
const answer = (body: unknown) => ({ body: embeddingsAnswer(body) });
const inputsOf = (requests: Array<{ body: unknown }>) => requests.map(({ body }) => (body as { input: unknown }).input);

describe('Embedding → Create', () => {
	it('sends the texts of all items in one request and gives each item its own vector', async () => {
		const requests = interceptEmbeddings(answer);
		const { items, error } = await runNode({
			parameters: embeddingParameters(),
			input: texts('A shark', 'An apple', 'A dragon'),
		});

		expect(error).toBeUndefined();
		expect(requests.map(({ body }) => body)).toEqual([
			{ model: EMBEDDING_MODEL_ID, input: ['A shark', 'An apple', 'A dragon'] },
		]);
		expect(items).toEqual([
			{
				json: {
					embedding: testVector('A shark'),
					model: EMBEDDING_MODEL_ID,
					usage: { prompt_tokens: 9, total_tokens: 9, inputs: 3 },
				},
				pairedItem: { item: 0 },
			},
			{ json: { embedding: testVector('An apple'), model: EMBEDDING_MODEL_ID }, pairedItem: { item: 1 } },
			{ json: { embedding: testVector('A dragon'), model: EMBEDDING_MODEL_ID }, pairedItem: { item: 2 } },
		]);
	});

	it('splits the items into requests of Batch Size, each in item order', async () => {
		const requests = interceptEmbeddings(answer, 3);
		const { items, error } = await runNode({
			parameters: embeddingParameters({ options: { batchSize: 2 } }),
			input: texts('a', 'bb', 'ccc', 'dddd', 'eeeee'),
		});

		expect(error).toBeUndefined();
		expect(requests.map(({ body }) => (body as { input: string[] }).input).sort()).toEqual([
			['a', 'bb'],
			['ccc', 'dddd'],
			['eeeee'],
		]);
		expect(items.map(({ json, pairedItem }) => [json.embedding, pairedItem])).toEqual(
			['a', 'bb', 'ccc', 'dddd', 'eeeee'].map((text, item) => [testVector(text), { item }]),
		);
		expect(items.map(({ json }) => json.usage)).toEqual([
			{ prompt_tokens: 6, total_tokens: 6, inputs: 2 },
			undefined,
			{ prompt_tokens: 6, total_tokens: 6, inputs: 2 },
			undefined,
			{ prompt_tokens: 3, total_tokens: 3, inputs: 1 },
		]);
	});

	it('decodes base64 vectors (little-endian float32) into numbers', async () => {
		interceptEmbeddings((body) => ({ body: embeddingsAnswer(body, { base64: true }) }));
		const { items } = await runNode({ parameters: embeddingParameters(), input: texts('A shark') });
		expect(items[0].json.embedding).toEqual(testVector('A shark'));
	});

	it('puts the vectors in the order of the inputs when the API lists them out of order', async () => {
		interceptEmbeddings((body) => {
			const reply = embeddingsAnswer(body);
			return { body: { ...reply, data: [...reply.data].reverse() } };
		});
		const { items } = await runNode({ parameters: embeddingParameters(), input: texts('one', 'three') });
		expect(items.map(({ json }) => json.embedding)).toEqual([testVector('one'), testVector('three')]);
	});

	it('sends a number as its text and the User option only when set', async () => {
		const requests = interceptEmbeddings(answer);
		await runNode({
			parameters: embeddingParameters({ options: { user: 'user-1234' } }),
			input: texts(42),
		});
		expect(requests[0].body).toEqual({ model: EMBEDDING_MODEL_ID, input: ['42'], user: 'user-1234' });
	});

	it('Define Below: the text from an expression, each item its own', async () => {
		const requests = interceptEmbeddings(answer);
		const { items } = await runNode({
			parameters: embeddingParametersWithText('={{ $json.title }}: {{ $json.body }}'),
			input: [{ json: { title: 'Knife', body: 'carbon steel' } }, { json: { title: 'Pan', body: 'cast iron' } }],
		});
		expect(requests.map(({ body }) => body)).toEqual([{ model: EMBEDDING_MODEL_ID, input: ['Knife: carbon steel', 'Pan: cast iron'] }]);
		expect(items.map(({ json }) => json.embedding)).toEqual([testVector('Knife: carbon steel'), testVector('Pan: cast iron')]);
	});

	it('A Field of Each Item: a nested field by its path, and a field name with a dot in it', async () => {
		const requests = interceptEmbeddings(answer, 2);
		await runNode({
			parameters: embeddingParameters({ textField: 'document.text' }),
			input: [{ json: { document: { text: 'nested' } } }, { json: { 'document.text': 'dotted' } }],
		});
		expect(requests.map(({ body }) => body)).toEqual([{ model: EMBEDDING_MODEL_ID, input: ['nested', 'dotted'] }]);
	});

	it('A Field of Each Item: an item without the field gets an error that lists its fields; the others are embedded', async () => {
		const requests = interceptEmbeddings(answer);
		const { items } = await runNode({
			parameters: embeddingParameters({ textField: ' text ' }),
			input: [{ json: { text: 'first' } }, { json: { title: 'no text here', body: '' } }],
			onError: 'continueRegularOutput',
		});
		expect(requests.map(({ body }) => body)).toEqual([{ model: EMBEDDING_MODEL_ID, input: ['first'] }]);
		expect(items[1]).toMatchObject({
			json: { error: 'Text Field: the item has no field "text" [item 1]' },
			error: { description: 'Its fields: title, body.' },
			pairedItem: { item: 1 },
		});
	});

	it('with On Error: Continue, an empty or non-text item becomes an error item and the others are still embedded', async () => {
		const requests = interceptEmbeddings(answer);
		const { items, error } = await runNode({
			parameters: embeddingParameters(),
			input: texts('first', '  ', { nested: true }, 'last'),
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(requests.map(({ body }) => body)).toEqual([{ model: EMBEDDING_MODEL_ID, input: ['first', 'last'] }]);
		expect(items.map(({ json, pairedItem }) => [json.error ?? json.embedding, pairedItem])).toEqual([
			[testVector('first'), { item: 0 }],
			['Text (field "text"): is empty; there is nothing to embed [item 1]', { item: 1 }],
			[
				'Text (field "text"): is an object, not text; use an expression that gives text, e.g. {{ JSON.stringify($json.data) }} [item 2]',
				{ item: 2 },
			],
			[testVector('last'), { item: 3 }],
		]);
	});

	it('without On Error: Continue, an empty item stops the node with an error naming it', async () => {
		interceptEmbeddings(answer);
		const { error } = await runNode({ parameters: embeddingParameters(), input: texts('first', '') });
		expect(error?.message).toBe('Text (field "text"): is empty; there is nothing to embed [item 1]');
	});

	it('keeps the other items when n8n cannot evaluate the text of one item', async () => {
		const requests = interceptEmbeddings(answer);
		const { items } = await runNode({
			parameters: embeddingParametersWithText('={{ $json.doc ? $json.doc.text : $("No such node").item.json.text }}'),
			input: [{ json: { doc: { text: 'first' } } }, { json: {} }, { json: { doc: { text: 'third' } } }],
			onError: 'continueRegularOutput',
		});
		expect(requests.map(({ body }) => body)).toEqual([{ model: EMBEDDING_MODEL_ID, input: ['first', 'third'] }]);
		expect(items[0].json.embedding).toEqual(testVector('first'));
		// n8n's own error for the expression, from its pass over the items: the item never reached the request path.
		expect(items[1].json).toEqual({ error: "Referenced node doesn't exist" });
		expect(items[2].json.embedding).toEqual(testVector('third'));
	});

	it('sends items for different models in different requests', async () => {
		const requests = interceptEmbeddings(answer, 2);
		const { items } = await runNode({
			parameters: embeddingParameters({ model: { __rl: true, mode: 'id', value: '={{ $json.model }}' } }),
			input: [
				{ json: { text: 'a', model: 'model-a' } },
				{ json: { text: 'b', model: 'model-b' } },
				{ json: { text: 'c', model: 'model-a' } },
			],
		});
		expect(requests.map(({ body }) => body)).toEqual(
			expect.arrayContaining([
				{ model: 'model-a', input: ['a', 'c'] },
				{ model: 'model-b', input: ['b'] },
			]),
		);
		expect(items.map(({ json }) => json.embedding)).toEqual([testVector('a'), testVector('b'), testVector('c')]);
	});

	it('retries a batch the API failed, and only that batch', async () => {
		let failedOnce = false;
		const busy = { status: 503, body: { id: 'service_unavailable', message: 'try later' } };
		const requests = interceptEmbeddings((body) => {
			const [text] = (body as { input: string[] }).input;
			if (text !== 'a' || failedOnce) return answer(body);
			failedOnce = true;
			return busy;
		}, 3);
		const { items, error } = await runNode({
			parameters: embeddingParameters({ options: { batchSize: 1 } }),
			input: texts('a', 'b'),
		});
		expect(error).toBeUndefined();
		expect(inputsOf(requests).sort()).toEqual([['a'], ['a'], ['b']]);
		expect(items.map(({ json }) => json.embedding)).toEqual([testVector('a'), testVector('b')]);
	});

	it('keeps the order the API lists when its indexes do not number the inputs (a proxy that joined two answers)', async () => {
		interceptEmbeddings((body) => {
			const reply = embeddingsAnswer(body);
			return { body: { ...reply, data: reply.data.map((entry, position) => ({ ...entry, index: position % 2 })) } };
		});
		const { items } = await runNode({ parameters: embeddingParameters(), input: texts('a', 'bb', 'ccc', 'dddd') });
		expect(items.map(({ json }) => json.embedding)).toEqual(['a', 'bb', 'ccc', 'dddd'].map(testVector));
	});

	it("with On Error: Continue, a rejected batch's items each get the error, with the items it held; other batches are kept", async () => {
		interceptEmbeddings(
			(body) =>
				(body as { input: string[] }).input.includes('bad')
					? { status: 400, body: { id: 'bad_request', message: 'input too long' } }
					: answer(body),
			2,
		);
		const { items } = await runNode({
			parameters: embeddingParameters({ options: { batchSize: 2 } }),
			input: texts('good', 'fine', 'bad', 'worse'),
			onError: 'continueRegularOutput',
		});
		const message = `The API rejected the request for model "${EMBEDDING_MODEL_ID}" as invalid (one request for items 2–3)`;
		expect(items.map(({ json, pairedItem }) => [json.error ?? json.embedding, pairedItem])).toEqual([
			[testVector('good'), { item: 0 }],
			[testVector('fine'), { item: 1 }],
			[message, { item: 2 }],
			[message, { item: 3 }],
		]);
		expect(items[2].error).toMatchObject({ description: expect.stringContaining('DigitalOcean said: input too long') });
	});

	it('fails clearly when the answer does not hold one vector per input', async () => {
		interceptEmbeddings((body) => {
			const reply = embeddingsAnswer(body);
			return { body: { ...reply, data: reply.data.slice(1) } };
		});
		const { error } = await runNode({ parameters: embeddingParameters(), input: texts('a', 'b') });
		expect(error?.message).toBe('The API answered with 1 results for 2 inputs (one request for items 0–1)');
	});

	it('fails clearly when the answer has no vectors', async () => {
		interceptEmbeddings({ body: { object: 'list', data: [{ index: 0, embedding: 'not base64!' }] } });
		const { error } = await runNode({ parameters: embeddingParameters(), input: texts('a') });
		expect(error?.message).toBe('The API answered with an embedding that is not a list of numbers');
	});

	it('refuses a Batch Size out of range set by expression, naming the field', async () => {
		const requests = interceptEmbeddings(answer);
		const { error } = await runNode({
			parameters: embeddingParameters({ options: { batchSize: '={{ 5000 }}' } }),
			input: texts('a'),
		});
		expect(error?.message).toBe('Batch Size: 5000 is not a whole number from 1 to 2048 [item 0]');
		expect(requests).toHaveLength(0);
	});
});
