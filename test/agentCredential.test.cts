// The DigitalOcean Gradient Agent credential: its Test (one short message to the agent, as
// DigitalOcean documents no other check of an endpoint access key), and its Agent Endpoint read
// the same way by the Test's expression and by the node's code.
import { agentAnswer, interceptAgent } from './harness/agent.cjs';
import { AGENT_CREDENTIAL_TYPE, TEST_AGENT_KEY, testAgentCredentials } from './harness/agentCredentials.cjs';
import { testCredential } from './harness/editor.cjs';
import { loadPackage, workflowWithNode } from './harness/package.cjs';
import { normalAgentEndpoint } from '../nodes/shared/agentEndpoint';

const testAgent = (data = testAgentCredentials()) => testCredential(data, AGENT_CREDENTIAL_TYPE);

describe('the agent credential test', () => {
	it('passes when the agent answers one short message sent with the key', async () => {
		const requests = interceptAgent({ body: agentAnswer('Hello! How can I help?') });
		expect(await testAgent()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(requests).toEqual([
			{
				path: '/api/v1/chat/completions?agent=true',
				body: { messages: [{ role: 'user', content: 'Hello' }] },
				headers: expect.objectContaining({ authorization: `Bearer ${TEST_AGENT_KEY}` }),
			},
		]);
	});

	it('fails with where to get an endpoint access key when the key is rejected', async () => {
		// n8n sends a request answered 401 a second time (its pre-authentication retry).
		interceptAgent({ status: 401, body: { id: 'unauthorized', message: 'Unable to authenticate you.' } }, 2);
		expect(await testAgent(testAgentCredentials({ apiKey: 'sk-do-model-key-not-an-agent-key' }))).toEqual({
			status: 'Error',
			message:
				"The agent rejected the endpoint access key. Create one on the agent's Settings tab (Endpoint Access Keys → Create Key); a model access key does not work for an agent.",
		});
	});

	it('fails saying which URL to copy when nothing answers at the endpoint, or a web page does', async () => {
		interceptAgent({ status: 404, body: { detail: 'Not Found' } });
		expect((await testAgent()).message).toBe(
			"Nothing answers at this Agent Endpoint. Copy the URL under ENDPOINT on the agent's Overview page (e.g. https://abcdefghijklmnopqrstuvwx.agents.do-ai.run).",
		);
		interceptAgent({ body: '<!DOCTYPE html><html><body>DigitalOcean</body></html>', headers: { 'content-type': 'text/html' } });
		expect((await testAgent()).message).toBe(
			"The Agent Endpoint answered with a web page or other text, not an agent's answer: copy the URL under ENDPOINT on the agent's Overview page, not the control panel's address.",
		);
		interceptAgent({ body: { object: 'list', data: [] } });
		expect((await testAgent()).message).toBe(
			'The Agent Endpoint answered with JSON that holds no answer ("choices"), so it is not a DigitalOcean agent\'s endpoint.',
		);
	});
});

describe('the Agent Endpoint as users paste it', () => {
	const pasted: Array<[string, string]> = [
		['https://abc123.agents.do-ai.run', 'https://abc123.agents.do-ai.run'],
		['abc123.agents.do-ai.run', 'https://abc123.agents.do-ai.run'],
		['  https://abc123.agents.do-ai.run/  ', 'https://abc123.agents.do-ai.run'],
		['https://abc123.agents.do-ai.run/api/v1/chat/completions', 'https://abc123.agents.do-ai.run'],
		['https://abc123.agents.do-ai.run/api/v1/chat/completions?agent=true', 'https://abc123.agents.do-ai.run'],
		['https://abc123.agents.do-ai.run/api/v1/', 'https://abc123.agents.do-ai.run'],
		['https://abc123.agents.do-ai.run/v1/chat/completions?agent=true', 'https://abc123.agents.do-ai.run'],
		['http://127.0.0.1:8/proxy/agent/', 'http://127.0.0.1:8/proxy/agent'],
		['', ''],
		// A key pasted into the wrong field is no host: it gets no https:// (nor a DNS lookup), and the node refuses it without quoting it.
		['sk-do-0123456789abcdef', 'sk-do-0123456789abcdef'],
	];

	it.each(pasted)('reads %j as %j in the node', (endpoint, expected) => {
		expect(normalAgentEndpoint(endpoint)).toBe(expected);
	});

	it("reads each the same in the credential Test's expression", async () => {
		const { credentialType, nodeTypes } = await loadPackage();
		const expression = credentialType(AGENT_CREDENTIAL_TYPE).test!.request.baseURL as string;
		const { node, workflow } = workflowWithNode(nodeTypes, {});
		const evaluated = pasted.map(([endpoint]) =>
			workflow.expression.getSimpleParameterValue(node, expression, 'internal', { $credentials: { endpoint } }),
		);
		expect(evaluated).toEqual(pasted.map(([, expected]) => expected));
	});
});
