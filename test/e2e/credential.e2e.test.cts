// The credential's Test button as n8n's server runs it (POST /rest/credentials/test, n8n's own
// CredentialsTester): it must tell a working Base URL from one that answers something other
// than a model list. Run on every n8n release we support (test:compat): the test's rules mix
// n8n's two kinds of rule in one list, which n8n's type does not describe but its tester reads.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CREDENTIAL, OWNER, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;
/** A server that is not the inference API: it answers GET /v1/models with JSON that holds no model list. */
let otherApi: Server;

beforeAll(async () => {
	n8n = await setUpRealN8n();
	await n8n.start();
	otherApi = createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ status: 'ok', version: '1.2.3' }));
	});
	await new Promise<void>((resolve) => otherApi.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await new Promise((resolve) => otherApi?.close(resolve));
	await n8n?.tearDown();
});

describe(`the credential's Test in a real n8n`, () => {
	it('passes for the inference API and fails, saying why, for a wrong key, a web page and JSON without a model list', async () => {
		const rest = n8n.rest();
		await rest.signIn(OWNER);
		const test = async (baseUrl: string, apiKey = n8n.standIn.key) =>
			(await rest.request('POST', '/rest/credentials/test', { credentials: { ...CREDENTIAL, data: { apiKey, baseUrl } } })).json.data;

		expect(await test(n8n.standIn.url)).toEqual({ status: 'OK', message: 'Connection successful!' });
		// The testers of n8n 2.16 and 1.123 do not find the status of the failed request (the error
		// they get has no cause.response there), so they say their own words instead of the 401 rule's.
		expect(await test(n8n.standIn.url, 'a-wrong-key')).toEqual({
			status: 'Error',
			message:
				n8n.n8nVersion === '2.41.1'
					? 'The model access key was rejected. Copy it again from the DigitalOcean control panel (Inference → Manage, the Model Access Keys page); a key restricted to a VPC network works only from inside that VPC.'
					: 'Authorization failed - please check your credentials',
		});
		// n8n's own address answers every unknown path with its editor's page.
		expect(await test(n8n.url)).toEqual({
			status: 'Error',
			message:
				"The Base URL answered GET /v1/models with a web page or other text, not the inference API's model list: it points at another server. Use https://inference.do-ai.run, or the address of a compatible proxy.",
		});
		expect(await test(`http://127.0.0.1:${(otherApi.address() as AddressInfo).port}`)).toEqual({
			status: 'Error',
			message:
				'The Base URL answered GET /v1/models with JSON that holds no model list ("data"), so it is not DigitalOcean\'s inference API. Use https://inference.do-ai.run, or the address of a proxy that answers as it does.',
		});
	});
});
