// Agent → Message an Agent in a real n8n, against the stand-in's agent: the support-inbox example
// run headless by `n8n execute`, and the agent credential's Test as n8n's server runs it. On
// every n8n release we support (test:compat); the browser's part is agentEditor.e2e.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { EXPECTED_RUN, keyRejected, nothingAnswers, WEB_PAGE_ANSWERS, whatRan, WORKFLOW_ID } from './agentExample.cjs';
import { AGENT_CREDENTIAL, expectExitCode, OWNER, outputOf, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => {
	if (n8n) expect(n8n.log()).not.toContain(n8n.standIn.agentKey);
	await n8n?.tearDown();
});

describe('the support-inbox example, headless (n8n execute)', () => {
	it("asks the agent each question with all its information, routes the card number's refusal to a human and the answers with their sources", async () => {
		const before = n8n.standIn.stats().agentRequests;
		const result = await n8n.execute(WORKFLOW_ID);
		expectExitCode(result, 0);
		expect(whatRan((node, output) => outputOf(result, node, output))).toEqual(EXPECTED_RUN);
		expect(n8n.standIn.stats().agentRequests - before).toBe(3);
		expect(result.stdout + result.stderr).not.toContain(n8n.standIn.agentKey);
	});
});

describe('in a running n8n', () => {
	let rest: ReturnType<typeof n8n.rest>;

	beforeAll(async () => {
		await n8n.start();
		rest = n8n.rest();
		await rest.signIn(OWNER);
	});

	describe("the agent credential's Test (POST /rest/credentials/test)", () => {
		/** A server that answers every request with a web page, as the control panel's address does. */
		let webPage: Server;

		beforeAll(async () => {
			webPage = createServer((_request, response) => {
				response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				response.end('<!DOCTYPE html><html><body>DigitalOcean Cloud</body></html>');
			});
			await new Promise<void>((resolve) => webPage.listen(0, '127.0.0.1', resolve));
		});
		afterAll(async () => new Promise((resolve) => webPage?.close(resolve)));

		const test = async (endpoint: string, apiKey = n8n.standIn.agentKey) =>
			(await rest.request('POST', '/rest/credentials/test', { credentials: { ...AGENT_CREDENTIAL, data: { endpoint, apiKey } } })).json.data;

		it("passes for the agent's endpoint access key", async () => {
			const before = n8n.standIn.stats().agentRequests;
			expect(await test(n8n.standIn.url)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(n8n.standIn.stats().agentRequests - before).toBe(1);
		});

		it('fails with where to get an endpoint access key for the model access key', async () => {
			expect(await test(n8n.standIn.url, n8n.standIn.key)).toEqual({ status: 'Error', message: keyRejected(n8n.n8nVersion) });
		});

		it("fails saying which URL to copy for n8n's own address (a 404 to the POST) and for a web page", async () => {
			expect(await test(n8n.url)).toEqual({ status: 'Error', message: nothingAnswers(n8n.n8nVersion) });
			expect(await test(`http://127.0.0.1:${(webPage.address() as AddressInfo).port}`)).toEqual({ status: 'Error', message: WEB_PAGE_ANSWERS });
		});
	});
});
