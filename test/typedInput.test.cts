// Input the way users really type it: a Base URL pasted from OpenAI-style docs, a model ID with
// spaces, an expression that gives a number where text is meant. It works, or the error names
// the field and the item; never a JavaScript TypeError.
import type { IDataObject } from 'n8n-workflow';

import { completion, interceptChat, interceptModels, MODELS } from './harness/api.cjs';
import { failureOf, supplyChatModel } from './harness/chatModel.cjs';
import { searchModelList, testCredential } from './harness/editor.cjs';
import { chatParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, TEST_BASE_URL, testCredentials } from './harness/runNode.cjs';

const PASTED_BASE_URLS = [`${TEST_BASE_URL}/v1`, `${TEST_BASE_URL}/v1/`, `  ${TEST_BASE_URL}  `, ` ${TEST_BASE_URL}/V1// `];

describe('a Base URL as users paste it', () => {
	it.each(PASTED_BASE_URLS)('"%s" reaches /v1/chat/completions', async (baseUrl) => {
		const requests = interceptChat({ body: completion({ content: 'Paris.' }) });
		const { items, error } = await runNode({ parameters: chatParameters(), credentials: testCredentials({ baseUrl }) });
		expect(error).toBeUndefined();
		expect(requests.map(({ path }) => path)).toEqual(['/v1/chat/completions']);
		expect(items[0].json.content).toBe('Paris.');
	});

	it.each(PASTED_BASE_URLS)('"%s" works for Get Many models, the Model picker and the credential test', async (baseUrl) => {
		const credentials = testCredentials({ baseUrl });
		const requests = interceptModels({ body: MODELS }, 3);
		expect((await runNode({ parameters: { resource: 'model', operation: 'getAll' }, credentials })).error).toBeUndefined();
		expect((await searchModelList(undefined, credentials)).results).toHaveLength(MODELS.data.length);
		expect((await testCredential(credentials)).status).toBe('OK');
		expect(requests.map(({ path }) => path)).toEqual(['/v1/models', '/v1/models', '/v1/models']);
	});

	it.each(PASTED_BASE_URLS)('"%s" works for the Chat Model', async (baseUrl) => {
		const requests = interceptChat({ body: completion({ content: 'Hello back' }) });
		const { model } = await supplyChatModel(
			{ model: { __rl: true, mode: 'list', value: MODEL_ID }, options: {} },
			testCredentials({ baseUrl }),
		);
		expect((await model.invoke('Hello')).content).toBe('Hello back');
		expect(requests.map(({ path }) => path)).toEqual(['/v1/chat/completions']);
	});
});

describe('a model ID with spaces around it', () => {
	it('is sent trimmed by the node', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		await runNode({ parameters: chatParameters({ model: { __rl: true, mode: 'id', value: `  ${MODEL_ID} ` } }) });
		expect((requests[0].body as { model: string }).model).toBe(MODEL_ID);
	});

	it('is sent trimmed by the Chat Model', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		const { model } = await supplyChatModel({ model: { __rl: true, mode: 'id', value: ` ${MODEL_ID}\n` }, options: {} });
		await model.invoke('Hello');
		expect((requests[0].body as { model: string }).model).toBe(MODEL_ID);
	});

	it('still says no model is selected when it is only spaces', async () => {
		const error = await failureOf(supplyChatModel({ model: { __rl: true, mode: 'id', value: '   ' }, options: {} }));
		expect(error.message).toBe('Model: no model is selected');
	});
});

describe('text fields an expression fills with something else', () => {
	const sentMessages = async (parameters: ReturnType<typeof chatParameters>, input: Array<{ json: IDataObject }>) => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) }, input.length);
		const { items } = await runNode({ parameters, input, onError: 'continueRegularOutput' });
		return { messages: requests.map(({ body }) => (body as { messages: unknown }).messages), items };
	};

	it('sends a number or a boolean as its text, in the Prompt and the System Message', async () => {
		const { messages } = await sentMessages(
			chatParameters({ prompt: '={{ $json.value }}', systemMessage: '={{ $json.flag }}' }),
			[{ json: { value: 42, flag: true } }, { json: { value: 0.5, flag: false } }],
		);
		expect(messages).toEqual([
			[{ role: 'system', content: 'true' }, { role: 'user', content: '42' }],
			[{ role: 'system', content: 'false' }, { role: 'user', content: '0.5' }],
		]);
	});

	it('sends a number as text in Messages and Messages (JSON)', async () => {
		const rows = await sentMessages(
			chatParameters({ inputType: 'messages', messages: { message: [{ role: 'user', content: '={{ $json.value }}' }] } }),
			[{ json: { value: 7 } }],
		);
		const fromJson = await sentMessages(
			chatParameters({ inputType: 'json', messagesJson: '={{ [{ "role": "user", "content": $json.value }] }}' }),
			[{ json: { value: 8 } }],
		);
		expect([rows.messages, fromJson.messages]).toEqual([[[{ role: 'user', content: '7' }]], [[{ role: 'user', content: '8' }]]]);
	});

	it('names the field and the item when it is an object or a list, and answers the other items', async () => {
		const { messages, items } = await sentMessages(chatParameters({ prompt: '={{ $json.value }}' }), [
			{ json: { value: 'Hello' } },
			{ json: { value: { text: 'Hello' } } },
			{ json: { value: ['Hello'] } },
		]);
		expect(messages).toEqual([[{ role: 'user', content: 'Hello' }]]);
		expect(items.map(({ json, pairedItem }) => [json.content ?? json.error, pairedItem])).toEqual([
			['ok', { item: 0 }],
			['Prompt: is an object, not text; use an expression that gives text, e.g. {{ JSON.stringify($json.data) }} [item 1]', { item: 1 }],
			['Prompt: is a list, not text; use an expression that gives text, e.g. {{ JSON.stringify($json.data) }} [item 2]', { item: 2 }],
		]);
	});
});
