import { interceptModels, MODELS } from './harness/api.cjs';
import { testCredential } from './harness/editor.cjs';
import { testCredentials, TEST_KEY } from './harness/runNode.cjs';

describe('the credential test', () => {
	it('passes when GET /v1/models accepts the key', async () => {
		const requests = interceptModels({ body: MODELS });
		expect(await testCredential(testCredentials())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(requests[0].path).toBe('/v1/models');
		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
	});

	it('fails with advice when the key is rejected', async () => {
		interceptModels({ status: 401, body: { id: 'unauthorized', message: 'Unable to authenticate you.' } }, 2);
		const result = await testCredential(testCredentials({ apiKey: 'wrong-key' }));
		expect(result).toEqual({
			status: 'Error',
			message:
				'The model access key was rejected. Copy it again from the DigitalOcean control panel (Inference → Manage, the Model Access Keys page); a key restricted to a VPC network works only from inside that VPC.',
		});
		expect(JSON.stringify(result)).not.toContain('wrong-key');
	});

	it('reports other failures with their HTTP status', async () => {
		interceptModels({ status: 503, body: { id: 'server_error' } });
		expect(await testCredential(testCredentials())).toEqual({
			status: 'Error',
			message: 'Service Unavailable',
		});
	});

	it('calls the Base URL the user set, without its trailing slash', async () => {
		const requests = interceptModels({ body: MODELS });
		const result = await testCredential(testCredentials({ baseUrl: 'http://127.0.0.1:9/' }));
		expect(result.status).toBe('OK');
		expect(requests[0].path).toBe('/v1/models');
	});

	it('fails for a Base URL that answers with a web page (another server), saying so', async () => {
		interceptModels({ status: 200, body: '<!DOCTYPE html><html><head><title>n8n.io - Workflow Automation</title></head><body></body></html>', headers: { 'content-type': 'text/html' } });
		expect(await testCredential(testCredentials())).toEqual({
			status: 'Error',
			message:
				"The Base URL answered GET /v1/models with a web page or other text, not the inference API's model list: it points at another server. Use https://inference.do-ai.run, or the address of a compatible proxy.",
		});
	});

	it('fails for JSON that holds no model list, saying so', async () => {
		interceptModels({ status: 200, body: { status: 'ok', version: '1.2.3' } });
		expect(await testCredential(testCredentials())).toEqual({
			status: 'Error',
			message:
				'The Base URL answered GET /v1/models with JSON that holds no model list ("data"), so it is not DigitalOcean\'s inference API. Use https://inference.do-ai.run, or the address of a proxy that answers as it does.',
		});
	});

	it('passes for a model list without models (a key limited to none is still a working key)', async () => {
		interceptModels({ body: { object: 'list', data: [] } });
		expect((await testCredential(testCredentials())).status).toBe('OK');
	});
});
