// The request path's own timing and credential use: a field's hook runs when its request's turn
// comes (not while n8n prepares every item up front), and the run's credential is read from n8n
// once, not once per request.
import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { completion, interceptChat } from './harness/api.cjs';
import { credentialReads } from './harness/credentialsHelper.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { runNode, TEST_KEY } from './harness/runNode.cjs';
import { invalidInput } from '../nodes/shared/input';
import { onRequestPath, sendRequest } from '../nodes/shared/transport/request';

describe('the request path through n8n', () => {
	it("reads the credential from n8n twice per run (RoutingNode's and the request path's), not once per request", async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) }, 5);
		credentialReads.count = 0;
		const { items, error } = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}' }),
			input: Array.from({ length: 5 }, (_, i) => ({ json: { q: `question ${i}` } })),
		});
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json.content)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
		expect(requests.map(({ headers }) => headers.authorization)).toEqual(Array(5).fill(`Bearer ${TEST_KEY}`));
		expect(credentialReads.count).toBe(2);
	});
});

/** One item's pagination context, as RoutingNode builds it, with what the request path uses. */
function itemContext(order: string[], itemIndex = 0) {
	const run = {};
	const sent: Array<{ options: IHttpRequestOptions; credentialsDecrypted: unknown }> = [];
	const helpers = {
		httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions, extra?: { credentialsDecrypted?: unknown }) => {
			sent.push({ options, credentialsDecrypted: extra?.credentialsDecrypted });
			return { statusCode: 200, body: {}, headers: {} };
		},
	};
	const context = {
		getItemIndex: () => itemIndex,
		getExecuteData: () => run,
		getNodeParameter: () => ({}),
		getExecutionCancelSignal: () => undefined,
		getCredentials: async () => ({ apiKey: TEST_KEY, baseUrl: ' http://127.0.0.1:9/v1/ ' }),
		getNode: () => ({ name: 'DigitalOcean Gradient', credentials: { digitalOceanGradientApi: { id: 'c1', name: 'account' } } }),
		continueOnFail: () => true,
		helpers,
		// As RoutingNode's makeRoutingRequest: the item's own request helper sends it.
		async makeRoutingRequest(requestData: DeclarativeRestApiSettings.ResultOptions) {
			order.push('sent');
			await helpers.httpRequestWithAuthentication('digitalOceanGradientApi', requestData.options as IHttpRequestOptions);
			return [{ json: { answered: true } }];
		},
	} as unknown as IExecutePaginationFunctions;
	return { context, sent };
}

const requestData = (): DeclarativeRestApiSettings.ResultOptions => ({
	options: { url: '/v1/chat/completions', method: 'POST', body: {}, qs: {}, headers: {} },
	preSend: [],
	postReceive: [],
	requestOperations: {},
});

describe('the request path, step by step', () => {
	it('runs a preSend hook when the request is sent, not when n8n prepares the item', async () => {
		const order: string[] = [];
		const { context, sent } = itemContext(order);
		const held = onRequestPath(async function addModel(options) {
			order.push('hook');
			(options.body as Record<string, unknown>).model = 'm';
			return options;
		});
		const data = requestData();
		data.options = await held.call(context, data.options as IHttpRequestOptions);
		expect(order).toEqual([]);

		const items = await sendRequest.call(context, data);
		expect(order).toEqual(['hook', 'sent']);
		expect(items).toEqual([{ json: { answered: true }, pairedItem: { item: 0 } }]);
		// The credential's Base URL, trimmed and without the pasted /v1; the run's credential handed over.
		expect(sent[0].options).toMatchObject({ baseURL: 'http://127.0.0.1:9', body: { model: 'm' } });
		expect(sent[0].credentialsDecrypted).toEqual({
			id: 'c1',
			name: 'account',
			type: 'digitalOceanGradientApi',
			data: { apiKey: TEST_KEY, baseUrl: ' http://127.0.0.1:9/v1/ ' },
		});
	});

	it('reports a hook\'s input error for its item and sends nothing', async () => {
		const order: string[] = [];
		const { context } = itemContext(order, 3);
		const held = onRequestPath(async function checkPrompt() {
			throw invalidInput(context, 'Prompt', 'is empty');
		});
		const data = requestData();
		data.options = await held.call(context, data.options as IHttpRequestOptions);

		const [item] = await sendRequest.call(context, data);
		expect(order).toEqual([]);
		expect(item.json).toEqual({ error: 'Prompt: is empty [item 3]' });
		expect(item.pairedItem).toEqual({ item: 3 });
	});
});
