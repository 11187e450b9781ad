import type { INodeListSearchResult } from 'n8n-workflow';

import { interceptModels, MODELS } from './harness/api.cjs';
import { CHAT_MODEL_NODE_TYPE } from './harness/chatModel.cjs';
import { searchModelList } from './harness/editor.cjs';
import { runNode, testCredentials, TEST_KEY } from './harness/runNode.cjs';

/** The test key's models with an image, a fal and a second embedding model among them. */
const MODELS_OF_EVERY_KIND = {
	...MODELS,
	data: [
		...MODELS.data,
		{ id: 'openai-gpt-image-1', object: 'model', created: 1752255242, owned_by: 'openai' },
		{ id: 'fal-ai/flux/schnell', object: 'model', created: 1752255243, owned_by: 'fal' },
		{ id: 'bge-m3', object: 'model', created: 1752255244, owned_by: 'baai' },
	],
};
/** What the chat Model picker lists for them: chat models by id, then the rest by id. */
const CHAT_MODELS_FIRST = [
	'anthropic-claude-3.5-haiku',
	'Llama-Guard-3',
	'llama3.3-70b-instruct',
	'openai-gpt-4o',
	'bge-m3',
	'fal-ai/flux/schnell',
	'openai-gpt-image-1',
	'qwen3-embedding-0.6b',
];

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map(({ json }) => json.id);

describe('List Models', () => {
	it('outputs one item per model, sorted by id, fields as the API gives them', async () => {
		const requests = interceptModels({ body: MODELS });
		const { items, error } = await runNode({ parameters: { resource: 'model', operation: 'getAll' } });

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/v1/models');
		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(requests[0].body).toBeUndefined();
		expect(items).toEqual([
			{
				json: { id: 'anthropic-claude-3.5-haiku', object: 'model', created: 1752255240, owned_by: 'anthropic' },
				pairedItem: { item: 0 },
			},
			{
				json: { id: 'Llama-Guard-3', object: 'model', created: 1752255241, owned_by: 'meta' },
				pairedItem: { item: 0 },
			},
			{
				json: { id: 'llama3.3-70b-instruct', object: 'model', created: 1752255238, owned_by: 'digitalocean' },
				pairedItem: { item: 0 },
			},
			{
				json: { id: 'openai-gpt-4o', object: 'model', created: 1752255238, owned_by: 'openai' },
				pairedItem: { item: 0 },
			},
			{
				json: { id: 'qwen3-embedding-0.6b', object: 'model', created: 1752255239, owned_by: 'alibaba' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('keeps only the models whose id contains the filter text, in any case', async () => {
		interceptModels({ body: MODELS });
		const { items } = await runNode({
			parameters: { resource: 'model', operation: 'getAll', filters: { idContains: 'LLAMA' } },
		});
		expect(ids(items)).toEqual(['Llama-Guard-3', 'llama3.3-70b-instruct']);
	});

	it('lists the models for every input item, each list paired with its item', async () => {
		interceptModels({ body: MODELS }, 2);
		const { items } = await runNode({
			parameters: { resource: 'model', operation: 'getAll', filters: { idContains: 'gpt' } },
			input: [{ json: {} }, { json: {} }],
		});
		expect(items).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ id: 'openai-gpt-4o' }), pairedItem: { item: 0 } }),
			expect.objectContaining({ json: expect.objectContaining({ id: 'openai-gpt-4o' }), pairedItem: { item: 1 } }),
		]);
	});

	it('fails clearly when the answer has no model list', async () => {
		interceptModels({ body: { object: 'list' } });
		const { error } = await runNode({ parameters: { resource: 'model', operation: 'getAll' } });
		expect(error).toMatchObject({
			message: 'The API answered without a list of models, with an object without a "data" list (its keys: object)',
			description: 'Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a proxy that answers as it does.',
		});
	});

	it('reads a model list answered as a bare JSON list, as some compatible proxies answer', async () => {
		interceptModels({ body: [{ id: 'llama3.3-70b-instruct', object: 'model' }, { id: 'alibaba-qwen3-32b', object: 'model' }] });
		const { items, error } = await runNode({ parameters: { resource: 'model', operation: 'getAll' } });
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json)).toEqual([
			{ id: 'alibaba-qwen3-32b', object: 'model' },
			{ id: 'llama3.3-70b-instruct', object: 'model' },
		]);
	});

	it('says how many entries have no ID instead of leaving them out', async () => {
		interceptModels({ body: { object: 'list', data: [{ id: 'openai-gpt-4o' }, { name: 'llama' }, { model: 'qwen' }] } });
		const { items, error } = await runNode({ parameters: { resource: 'model', operation: 'getAll' } });
		expect(items).toEqual([]);
		expect(error?.message).toBe('2 of the 3 entries of the model list have no ID');
		expect(error?.description).toBe(
			'The first reads: {"name":"llama"}. Each model needs an "id". Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a proxy that answers as it does.',
		);
	});

	it('uses the Base URL of the credential, without its trailing slash', async () => {
		const requests = interceptModels({ body: MODELS });
		const { error } = await runNode({
			parameters: { resource: 'model', operation: 'getAll' },
			credentials: testCredentials({ baseUrl: 'http://127.0.0.1:9//' }),
		});
		expect(error).toBeUndefined();
		expect(requests[0].path).toBe('/v1/models');
	});
});

describe('the Model picker', () => {
	it('offers every model the key may use, chat models first, each part sorted by id', async () => {
		const requests = interceptModels({ body: MODELS_OF_EVERY_KIND });
		const { results } = await searchModelList();

		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(results).toEqual(CHAT_MODELS_FIRST.map((id) => ({ name: id, value: id })));
	});

	it('puts chat models first in Batch → Create and in the Chat Model sub-node too', async () => {
		interceptModels({ body: MODELS_OF_EVERY_KIND }, 2);
		const values = ({ results }: INodeListSearchResult) => results.map(({ value }) => value);
		expect(values(await searchModelList(undefined, testCredentials(), { resource: 'batch', operation: 'create' }))).toEqual(CHAT_MODELS_FIRST);
		expect(values(await searchModelList(undefined, testCredentials(), {}, CHAT_MODEL_NODE_TYPE))).toEqual(CHAT_MODELS_FIRST);
	});

	it('reads a bare JSON list too, and says so when entries have no ID', async () => {
		interceptModels({ body: [{ id: 'openai-gpt-4o' }, { id: 'llama3.3-70b-instruct' }] });
		expect((await searchModelList()).results.map(({ value }) => value)).toEqual(['llama3.3-70b-instruct', 'openai-gpt-4o']);
		interceptModels({ body: [{ id: 'openai-gpt-4o' }, 'llama'] });
		await expect(searchModelList()).rejects.toThrow('1 of the 2 entries of the model list have no ID');
	});

	it('narrows the list to what the user types', async () => {
		interceptModels({ body: MODELS });
		const { results } = await searchModelList('Claude');
		expect(results).toEqual([
			{ name: 'anthropic-claude-3.5-haiku', value: 'anthropic-claude-3.5-haiku' },
		]);
	});

	it('shows the API error when the key is rejected, without the key', async () => {
		const requests = interceptModels(
			{ status: 401, body: { id: 'unauthorized', message: 'Unable to authenticate you.' } },
			2,
		);
		const failure = await searchModelList().catch((error: Error) => error);
		expect(requests).toHaveLength(1);
		expect(failure).toMatchObject({
			message: 'The model access key was rejected',
			description:
				'DigitalOcean said: Unable to authenticate you. Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.',
		});
		expect(JSON.stringify(failure)).not.toContain(TEST_KEY);
	});

	it('says what is wrong with a Base URL that is not http(s)', async () => {
		const failure = await searchModelList(undefined, testCredentials({ baseUrl: 'inference.do-ai.run' })).catch(
			(error: Error) => error,
		);
		expect(failure).toMatchObject({
			message: 'Base URL: "inference.do-ai.run" is not an http:// or https:// address',
			description: 'Set the Base URL in the DigitalOcean Gradient credential, e.g. https://inference.do-ai.run',
		});
	});
});
