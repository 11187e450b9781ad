/// <reference lib="dom" />
// Agent → Message an Agent in a real n8n and a real browser, against the stand-in's agent: the
// agent credential created on the Credentials page (tested as n8n saves it), the Agent node
// offering only agent credentials, and the support-inbox example run by its Execute workflow
// button, with the Agent node's output panel as the docs show it.
import type { Browser, Page } from 'playwright-core';

import { AGENT_GUARDRAIL_RESPONSE } from '../harness/standIn.cjs';
import { AGENT_NODE, EXPECTED_RUN, keyRejected, ORDER_ANSWER, RESIZE_ANSWER, whatRan, WORKFLOW_ID } from './agentExample.cjs';
import { launchChromium, saveScreenshot, signInToEditor } from './browser.cjs';
import { executionOutput, latestExecution, newestExecutionId } from './executions.cjs';
import { AGENT_CREDENTIAL, OWNER, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;
let rest: ReturnType<typeof n8n.rest>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
	await n8n.start();
	rest = n8n.rest();
	await rest.signIn(OWNER);
});
afterAll(async () => {
	if (n8n) expect(n8n.log()).not.toContain(n8n.standIn.agentKey);
	await n8n?.tearDown();
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
		await modal.getByText(keyRejected(n8n.n8nVersion), { exact: true }).waitFor();

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
