/// <reference lib="dom" />
// Agent → Message an Agent in a real n8n, against the stand-in's agent: the support-inbox example
// run headless by `n8n execute`; the agent credential's Test as n8n's server runs it; and in a real
// browser, the credential created on the Credentials page and the example run by its Execute
// workflow button, with the Agent node's output panel as the docs show it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';

import { AGENT_GUARDRAIL_RESPONSE, AGENT_KNOWLEDGE_BASE, AGENT_MODEL } from '../harness/standIn.cjs';
import { launchChromium, saveScreenshot, signInToEditor } from './browser.cjs';
import { executionOutput, latestExecution, newestExecutionId } from './executions.cjs';
import { AGENT_CREDENTIAL, expectExitCode, OWNER, outputOf, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => {
	if (n8n) expect(n8n.log()).not.toContain(n8n.standIn.agentKey);
	await n8n?.tearDown();
});

// examples/agent-support-inbox.json, and what the stand-in's agent (dev/stand-in/agent.js) answers it.
const WORKFLOW_ID = 'dogAgentInbox001';
const AGENT_NODE = 'Ask the support agent';
const IF_NODE = 'Any guardrail triggered?';

const RESIZE = 'How do I resize a Droplet without losing my data?';
const ORDER = 'What is the status of my order 10482?';
const CARD_NUMBER_GUARDRAIL = { rule_name: 'sensitive_data', message: 'The message contains what looks like a payment card number.' };

const passage = (filename: string, score: number) => ({ ...AGENT_KNOWLEDGE_BASE.find((each) => each.filename === filename), score });

/** An item of the Agent node with all three Include … Info options on: the agent's information as lists, empty when it has none. */
const agentItem = (content: string, info: Record<string, unknown> = {}) => ({
	content,
	finish_reason: 'stop',
	model: AGENT_MODEL,
	usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
	retrieved_data: [],
	sources: [],
	triggered_guardrails: [],
	called_functions: [],
	...info,
});

const RESIZE_ANSWER = agentItem(`Agent answer: ${RESIZE} (sources: droplets.md)`, { retrieved_data: [passage('droplets.md', 0.4)], sources: ['droplets.md'] });
const ORDER_ANSWER = agentItem(`Agent answer: ${ORDER}`, { called_functions: ['check_order_status'] });
const CARD_NUMBER_REFUSAL = agentItem(AGENT_GUARDRAIL_RESPONSE, { triggered_guardrails: [CARD_NUMBER_GUARDRAIL] });

/** What the example's nodes output, read the same way from a headless run and from a run in the editor. */
const whatRan = (items: (node: string, output?: number) => Array<Record<string, unknown>>) => ({
	agent: items(AGENT_NODE),
	guardrailTriggeredBranch: items(IF_NODE, 0),
	answeredBranch: items(IF_NODE, 1),
	guardrailTriggered: items('Guardrail triggered'),
	answered: items('Answered'),
});

const EXPECTED_RUN = {
	agent: [RESIZE_ANSWER, ORDER_ANSWER, CARD_NUMBER_REFUSAL],
	guardrailTriggeredBranch: [CARD_NUMBER_REFUSAL],
	answeredBranch: [RESIZE_ANSWER, ORDER_ANSWER],
	guardrailTriggered: [{ ticket: 'T-1003', guardrails: ['sensitive_data'], reason: CARD_NUMBER_GUARDRAIL.message }],
	answered: [
		{ ticket: 'T-1001', reply: RESIZE_ANSWER.content, sources: ['droplets.md'] },
		{ ticket: 'T-1002', reply: ORDER_ANSWER.content, sources: [] },
	],
};

// The credential Test's rules (credentials/DigitalOceanGradientAgentApi.credentials.ts).
const KEY_REJECTED =
	"The agent rejected the endpoint access key. Create one on the agent's Settings tab (Endpoint Access Keys → Create Key); a model access key does not work for an agent.";
const NOTHING_ANSWERS =
	"Nothing answers at this Agent Endpoint. Copy the URL under ENDPOINT on the agent's Overview page (e.g. https://abcdefghijklmnopqrstuvwx.agents.do-ai.run).";
const WEB_PAGE_ANSWERS =
	"The Agent Endpoint answered with a web page or other text, not an agent's answer: copy the URL under ENDPOINT on the agent's Overview page, not the control panel's address.";

/**
 * What the Test says when the agent's address answers with an error status: the status's rule on
 * n8n 2.41.1. The testers of n8n 2.16 and 1.123 do not find the status of the failed request, so
 * they say their own words instead (as credential.e2e shows for the model credential's 401).
 */
const byStatus = (rule: string, testersOwnWords: string) => (n8n.n8nVersion === '2.41.1' ? rule : testersOwnWords);
const keyRejected = () => byStatus(KEY_REJECTED, 'Authorization failed - please check your credentials');
const nothingAnswers = () => byStatus(NOTHING_ANSWERS, 'The resource you are requesting could not be found');

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
			expect(await test(n8n.standIn.url, n8n.standIn.key)).toEqual({ status: 'Error', message: keyRejected() });
		});

		it("fails saying which URL to copy for n8n's own address (a 404 to the POST) and for a web page", async () => {
			expect(await test(n8n.url)).toEqual({ status: 'Error', message: nothingAnswers() });
			expect(await test(`http://127.0.0.1:${(webPage.address() as AddressInfo).port}`)).toEqual({ status: 'Error', message: WEB_PAGE_ANSWERS });
		});
	});

	describe('in a real browser', () => {
		const BROWSER_CREDENTIAL = 'Support agent (created in the browser)';
		let browser: Browser;
		let page: Page;
		/** The credential the first test saves through the Credentials page, for the second to run with. */
		let created: { id: string; name: string };

		beforeAll(async () => {
			browser = await launchChromium();
			page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
			await signInToEditor(page, n8n.url, OWNER);
		});
		afterAll(async () => browser?.close());

		it("creates the agent credential on the Credentials page: the model access key fails with the 401 rule's words, the agent's key is tested successfully on save", async () => {
			await page.goto(`${n8n.url}/home/credentials`);
			await page.click('[data-test-id="add-resource-credential"]');
			await page.keyboard.type('DigitalOcean Gradient Agent');
			await page.locator('[data-test-id="new-credential-type-select-option"]').getByText('DigitalOcean Gradient Agent API', { exact: true }).click();
			await page.click('[data-test-id="new-credential-type-button"]');

			const modal = page.locator('[data-test-id="editCredential-modal"]');
			await modal.locator('[data-test-id="credential-name"]').click();
			await modal.locator('[data-test-id="credential-name"] input').fill(BROWSER_CREDENTIAL);
			await page.keyboard.press('Enter');
			// Pasted as DigitalOcean's how-to shows an agent's address: with the chat path and ?agent=true.
			await modal.locator('[data-test-id="parameter-input-endpoint"] input').fill(`${n8n.standIn.url}/api/v1/chat/completions?agent=true`);
			await modal.locator('[data-test-id="parameter-input-apiKey"] input').fill(n8n.standIn.key);
			// n8n tests a credential as it saves it, and shows the Test's message under "More details".
			await modal.locator('[data-test-id="credential-save-button"]').click();
			await modal.getByText('Couldn’t connect with these settings').waitFor();
			await modal.getByText('More details').click();
			await modal.getByText(keyRejected(), { exact: true }).waitFor();

			await modal.locator('[data-test-id="parameter-input-apiKey"] input').fill(n8n.standIn.agentKey);
			await modal.locator('[data-test-id="credential-save-button"]').click();
			await modal.locator('[data-test-id="credentials-config-container-test-success"]').getByText('Connection tested successfully').waitFor();
			await page.keyboard.press('Escape');

			const saved = (await rest.request('GET', '/rest/credentials')).json.data as Array<{ id: string; name: string; type: string }>;
			const ours = saved.filter(({ name }) => name === BROWSER_CREDENTIAL);
			expect(ours.map(({ type }) => type)).toEqual([AGENT_CREDENTIAL.type]);
			created = { id: ours[0].id, name: BROWSER_CREDENTIAL };
		});

		it("runs the example with that credential from the Execute workflow button; the Agent node's output panel shows the three answers", async () => {
			const before = await newestExecutionId(rest, WORKFLOW_ID);
			const agentRequestsBefore = n8n.standIn.stats().agentRequests;
			await page.goto(`${n8n.url}/workflow/${WORKFLOW_ID}`);
			const agentNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${AGENT_NODE}"]`);
			await agentNode.dblclick();
			await page.click('[data-test-id="node-credentials-select"]');
			const offered = page.locator('.el-select-dropdown__item:visible');
			await offered.filter({ hasText: BROWSER_CREDENTIAL }).waitFor();
			// Only agent credentials: the Resource picks the credential type, not a list of every type the node has.
			expect((await offered.allInnerTexts()).filter((text) => text.includes('DigitalOcean Gradient API'))).toEqual([]);
			await offered.filter({ hasText: BROWSER_CREDENTIAL }).click();
			expect(await page.locator('[data-test-id="node-credentials-select"] input').inputValue()).toBe(BROWSER_CREDENTIAL);
			// Escape stays in the credential's select: the node is closed by its close button.
			await page.click('[data-test-id="ndv-close-button"]');
			await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });

			await page.click('[data-test-id="execute-workflow-button"]');
			for (const last of ['Guardrail triggered', 'Answered']) {
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${last}"] [data-test-id="canvas-node-status-success"]`).waitFor();
			}
			const run = await executionOutput(rest, await latestExecution(rest, WORKFLOW_ID, before));
			expect(run.status).toBe('success');
			expect(run.nodes.find(({ name }) => name === AGENT_NODE)?.credentials).toEqual({ [AGENT_CREDENTIAL.type]: created });
			expect(whatRan(run.items)).toEqual(EXPECTED_RUN);
			expect(n8n.standIn.stats().agentRequests - agentRequestsBefore).toBe(3);

			await agentNode.dblclick();
			const output = page.locator('[data-test-id="output-panel"]');
			await output.getByText('3 items').waitFor();
			const displayMode = output.locator('[data-test-id="ndv-run-data-display-mode"]');
			await displayMode.getByText('Table', { exact: true }).click();
			await output.getByText(ORDER_ANSWER.content).waitFor();
			const table = await output.innerText();
			for (const shown of [RESIZE_ANSWER.content, ORDER_ANSWER.content, AGENT_GUARDRAIL_RESPONSE, 'droplets.md', 'check_order_status', 'sensitive_data']) {
				expect({ shown, inTheTable: table.includes(shown) }).toEqual({ shown, inTheTable: true });
			}

			await displayMode.getByText('JSON', { exact: true }).click();
			await output.getByText('"sources"').first().waitFor();
			// Without n8n's "Workflow executed successfully" over the panel.
			for (const close of await page.locator('.el-notification__closeBtn:visible').all()) await close.click();
			await page.waitForFunction(() => document.querySelectorAll('.el-notification').length === 0);
			await saveScreenshot(page, 'agent-output.png');
			await page.click('[data-test-id="ndv-close-button"]');
		});
	});
});
