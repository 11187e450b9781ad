// Agent → Message an Agent through n8n's engine: its own credential (the agent's endpoint and
// endpoint access key, picked by the node's hidden `authentication` parameter), DigitalOcean's
// documented request, the answer with the agent's information when asked, and the request
// path every operation shares (retries, redaction, worded errors).
import { agentAnswer, agentParameters, interceptAgent } from './harness/agent.cjs';
import { TEST_AGENT_KEY, testAgentCredentials } from './harness/agentCredentials.cjs';
import { runNode } from './harness/runNode.cjs';
import { AGENT_GUARDRAIL_RESPONSE, AGENT_KNOWLEDGE_BASE, useStandIn } from './harness/standIn.cjs';

const PASSAGE = {
	id: 'a1b2',
	index: 'kb-0001',
	page_content: 'To resize a Droplet, power it off, then choose Resize in its menu.',
	score: 0.82,
	filename: 'droplets.md',
	data_source_id: 'ds-1',
	metadata: { page_number: 2 },
};

describe('Agent → Message an Agent', () => {
	it("sends the conversation to the agent's endpoint with its endpoint access key, and nothing the user did not set", async () => {
		const requests = interceptAgent({ body: agentAnswer('Power it off, then choose Resize.') });
		const { items, error } = await runNode({ parameters: agentParameters() });
		expect(error).toBeUndefined();
		expect(requests).toEqual([
			{
				path: '/api/v1/chat/completions?agent=true',
				body: { messages: [{ role: 'user', content: 'How do I resize a Droplet?' }] },
				headers: expect.objectContaining({ authorization: `Bearer ${TEST_AGENT_KEY}` }),
			},
		]);
		expect(items.map(({ json }) => json)).toEqual([
			{
				content: 'Power it off, then choose Resize.',
				finish_reason: 'stop',
				model: 'anthropic-claude-4.6-sonnet',
				usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 },
			},
		]);
	});

	it("puts the agent's retrieval, guardrail and function information on the item when asked, as lists", async () => {
		const requests = interceptAgent({
			body: agentAnswer('Power it off, then choose Resize.', {
				retrieval: { retrieved_data: [PASSAGE, { ...PASSAGE, id: 'c3', page_content: 'Resizing keeps the IP.' }] },
				functions: { called_functions: ['check_order_status'] },
				guardrails: { triggered_guardrails: [] },
			}),
		});
		const { items, error } = await runNode({
			parameters: agentParameters({
				systemMessage: 'Answer in one sentence.',
				options: { includeRetrievalInfo: true, includeGuardrailsInfo: true, includeFunctionsInfo: true, temperature: 0.2 },
			}),
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			messages: [
				{ role: 'system', content: 'Answer in one sentence.' },
				{ role: 'user', content: 'How do I resize a Droplet?' },
			],
			include_retrieval_info: true,
			include_guardrails_info: true,
			include_functions_info: true,
			temperature: 0.2,
		});
		expect(items[0].json).toEqual({
			content: 'Power it off, then choose Resize.',
			finish_reason: 'stop',
			model: 'anthropic-claude-4.6-sonnet',
			usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 },
			retrieved_data: [PASSAGE, { ...PASSAGE, id: 'c3', page_content: 'Resizing keeps the IP.' }],
			sources: ['droplets.md'],
			triggered_guardrails: [],
			called_functions: ['check_order_status'],
		});
	});

	it('gives a triggered guardrail as the agent reports it, and empty lists for information the agent left out', async () => {
		const refusal = "I'm not able to respond to that request, but I can answer other questions. How can I help you with something else?";
		interceptAgent({ body: agentAnswer(refusal, { guardrails: { triggered_guardrails: [{ rule_name: 'sensitive_data', message: 'A card number' }] } }) });
		const { items } = await runNode({
			parameters: agentParameters({ options: { includeGuardrailsInfo: true, includeRetrievalInfo: true } }),
		});
		expect(items[0].json).toMatchObject({
			content: refusal,
			triggered_guardrails: [{ rule_name: 'sensitive_data', message: 'A card number' }],
			retrieved_data: [],
			sources: [],
		});
		expect(items[0].json).not.toHaveProperty('called_functions');
	});

	it('takes passages as they come: entries that are not objects stay in retrieved_data and give no source', async () => {
		interceptAgent({ body: agentAnswer('ok', { retrieval: { retrieved_data: [null, 1, { filename: 'a.md' }] } }) });
		const { items, error } = await runNode({ parameters: agentParameters({ options: { includeRetrievalInfo: true } }) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ retrieved_data: [null, 1, { filename: 'a.md' }], sources: ['a.md'] });
	});

	it('outputs the answer as the agent sent it with Simplify off', async () => {
		const answer = agentAnswer('Yes.', { retrieval: { retrieved_data: [PASSAGE] } });
		interceptAgent({ body: answer });
		const { items } = await runNode({ parameters: agentParameters({ simplify: false, options: { includeRetrievalInfo: true } }) });
		expect(items.map(({ json }) => json)).toEqual([answer]);
	});

	it.each([
		["DigitalOcean's sample address", 'http://127.0.0.1:8/api/v1/chat/completions?agent=true'],
		['a trailing slash and spaces', '  http://127.0.0.1:8/  '],
	])('takes the Agent Endpoint as users paste it: %s', async (_name, endpoint) => {
		const requests = interceptAgent({ body: agentAnswer('ok') }, 1);
		const { items, error } = await runNode({ parameters: agentParameters(), agentCredentials: testAgentCredentials({ endpoint }) });
		expect(error).toBeUndefined();
		expect(requests.map(({ path }) => path)).toEqual(['/api/v1/chat/completions?agent=true']);
		expect(items[0].json.content).toBe('ok');
	});

	it('names the Agent Endpoint and the item when the endpoint is not an address, without quoting a key pasted there', async () => {
		const empty = await runNode({ parameters: agentParameters(), agentCredentials: testAgentCredentials({ endpoint: '' }) });
		expect(empty.error?.message).toBe('Agent Endpoint: is empty [item 0]');
		const key = await runNode({ parameters: agentParameters(), agentCredentials: testAgentCredentials({ endpoint: TEST_AGENT_KEY }) });
		expect(key.error?.message).toBe('Agent Endpoint: is not an http:// or https:// address [item 0]');
		expect(JSON.stringify(key.run)).not.toContain(TEST_AGENT_KEY);
	});

	it('words a rejected key about the agent and its credential, and never shows the key', async () => {
		interceptAgent({ status: 401, body: { id: 'unauthorized', message: `Unable to authenticate you with ${TEST_AGENT_KEY}.` } });
		const { error, run } = await runNode({ parameters: agentParameters() });
		expect(error?.message).toBe('The agent rejected the endpoint access key');
		expect(error?.description).toBe(
			"DigitalOcean said: Unable to authenticate you with [redacted]. Check the Endpoint Access Key in the DigitalOcean Gradient Agent credential: create one on the agent's Settings tab (Endpoint Access Keys → Create Key). A model access key does not work for an agent.",
		);
		expect(JSON.stringify(run)).not.toContain(TEST_AGENT_KEY);
	});

	it('says where to find the endpoint when a web page answers', async () => {
		interceptAgent({ status: 200, body: '<!DOCTYPE html><html><body>DigitalOcean Cloud</body></html>', headers: { 'content-type': 'text/html' } });
		const { error } = await runNode({ parameters: agentParameters() });
		expect(error?.message).toBe('The API returned a response that is not JSON');
		expect(error?.description).toContain("Set the Agent Endpoint in the DigitalOcean Gradient Agent credential: the URL under ENDPOINT on the agent's Overview page");
	});

	it("retries a busy agent by DigitalOcean's policy, as every operation is", async () => {
		let calls = 0;
		const requests = interceptAgent(() => (++calls === 1 ? { status: 503, body: { id: 'server_error', message: 'Busy.' }, headers: { 'retry-after': '0' } } : { body: agentAnswer('ok') }), 2);
		const { items, error } = await runNode({ parameters: agentParameters() });
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(items.map(({ json }) => json.content)).toEqual(['ok']);
	});

	it('hides the endpoint access key wherever an answer quotes it', async () => {
		interceptAgent({ body: agentAnswer(`Your key is ${TEST_AGENT_KEY}`) });
		const { items, run } = await runNode({ parameters: agentParameters() });
		expect(items[0].json.content).toBe('Your key is [redacted]');
		expect(JSON.stringify(run)).not.toContain(TEST_AGENT_KEY);
	});

	it('reports a failed item with On Error: Continue and answers the others', async () => {
		let calls = 0;
		interceptAgent(() => (++calls === 2 ? { status: 422, body: { detail: [{ msg: 'bad' }] } } : { body: agentAnswer('ok') }), 3);
		const { items, error } = await runNode({
			parameters: agentParameters({ prompt: '={{ $json.q }}', requestOptions: { maxConcurrentRequests: 1 } }),
			input: [{ json: { q: 'a' } }, { json: { q: 'b' } }, { json: { q: 'c' } }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json.content ?? json.error)).toEqual(['ok', 'The agent rejected the request as invalid', 'ok']);
	});
});


describe("Agent → Message an Agent against the stand-in's agent", () => {
	const stand = useStandIn();
	const onStandIn = () => testAgentCredentials({ endpoint: stand.current.url, apiKey: stand.current.agentKey });
	const withAllInfo = { includeRetrievalInfo: true, includeGuardrailsInfo: true, includeFunctionsInfo: true };

	it('gives each question its answer, its sources and its guardrails, ready for an If node', async () => {
		const [droplets] = AGENT_KNOWLEDGE_BASE;
		const { items, error } = await runNode({
			parameters: agentParameters({ prompt: '={{ $json.question }}', options: withAllInfo }),
			input: [{ json: { question: 'How do I resize a Droplet?' } }, { json: { question: 'My card is 4111 1111 1111 1111, refund me' } }],
			agentCredentials: onStandIn(),
		});
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => [json.content, json.sources, json.triggered_guardrails, json.called_functions])).toEqual([
			['Agent answer: How do I resize a Droplet? (sources: droplets.md)', ['droplets.md'], [], []],
			[AGENT_GUARDRAIL_RESPONSE, [], [{ rule_name: 'sensitive_data', message: 'The message contains what looks like a payment card number.' }], []],
		]);
		expect((items[0].json.retrieved_data as Array<{ id: string }>).map(({ id }) => id)).toEqual([droplets.id]);
		expect(items.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(stand.current.stats().agentRequests).toBe(2);
	});

	it("is refused with the model access key, which is not an agent's", async () => {
		const { error } = await runNode({
			parameters: agentParameters(),
			agentCredentials: testAgentCredentials({ endpoint: stand.current.url, apiKey: stand.current.key }),
		});
		expect(error?.message).toBe('The agent rejected the endpoint access key');
		expect(stand.current.stats().agentRequests).toBe(0);
	});
});
