/// <reference lib="dom" />
// Our node in a running n8n as the editor uses it: first through the REST calls the editor
// makes, then in a real browser (Debian's Chromium driven by playwright-core).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

import {
	CHAT_MODEL_NODE_TYPE,
	CREDENTIAL,
	EMBEDDINGS_NODE_TYPE,
	EXAMPLES_DIR,
	NODE_TYPE,
	OWNER,
	setUpRealN8n,
	STAND_IN_MODEL_IDS,
} from './realN8n.cjs';
import { launchChromium, saveScreenshot, signInToEditor } from './browser.cjs';
import { searchNodesPanel, searchNodesPanelAtInput } from './nodesPanel.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
	// The most talkative log, to show that even it never holds the key.
	await n8n.start({ N8N_LOG_LEVEL: 'debug' });
});
afterAll(async () => {
	if (n8n) expect(n8n.log()).not.toContain(n8n.standIn.key);
	await n8n?.tearDown();
});

const credentialReference = { [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

describe('the editor\'s REST calls', () => {
	let rest: ReturnType<typeof n8n.rest>;

	beforeAll(async () => {
		rest = n8n.rest();
		await rest.signIn(OWNER);
	});

	/** The list method the editor calls for the Model field that `nodeType` shows for `parameters`, read from /types/nodes.json as the editor reads it. */
	async function listMethodOf(nodeType: string, parameters: Record<string, string>): Promise<string> {
		const types = await rest.request('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		const description = (types.json as Array<{ name: string; properties: Array<Record<string, any>> }>).find(({ name }) => name === nodeType)!;
		const field = description.properties.find(
			({ name, displayOptions }) =>
				name === 'model' &&
				Object.entries(displayOptions?.show ?? {}).every(([key, values]) => (values as string[]).includes(parameters[key])),
		)!;
		return field.modes.find(({ name }: { name: string }) => name === 'list').typeOptions.searchListMethod;
	}

	/** The Model picker's list, as the editor loads it for that node and those parameters. */
	async function modelList(nodeType: string, currentNodeParameters: Record<string, string>, filter?: string) {
		const response = await rest.request('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.model',
			methodName: await listMethodOf(nodeType, currentNodeParameters),
			...(filter ? { filter } : {}),
			credentials: credentialReference,
			currentNodeParameters,
			nodeTypeAndVersion: { name: nodeType, version: 1 },
		});
		expect(response.status).toBe(200);
		return response.json.data.results as Array<{ name: string; value: string }>;
	}

	/**
	 * What the editor sends of the node's parameters beside the ones set: their defaults too, the
	 * hidden Authentication among them, which says which credential the node shows (the browser
	 * test below loads the picker as the editor really does).
	 */
	const THE_NODES_DEFAULTS = { authentication: 'modelAccessKey' };

	const CHAT_PICKERS = [
		['Chat → Message a Model', NODE_TYPE, { ...THE_NODES_DEFAULTS, resource: 'chat', operation: 'complete' }],
		['Batch → Create', NODE_TYPE, { ...THE_NODES_DEFAULTS, resource: 'batch', operation: 'create' }],
		['the Chat Model sub-node', CHAT_MODEL_NODE_TYPE, {}],
	] as const;

	it.each(CHAT_PICKERS)('loads the Model picker of %s from the stand-in through the credential, chat models first', async (_, nodeType, parameters) => {
		const others = ['openai-gpt-image-1', 'qwen3-embedding-0.6b'];
		const all = await modelList(nodeType, parameters);
		expect(all.map(({ value }) => value)).toEqual([...STAND_IN_MODEL_IDS.filter((id) => !others.includes(id)), ...others]);
		expect(await modelList(nodeType, parameters, 'claude')).toEqual([
			{ name: 'anthropic-claude-3.5-haiku', value: 'anthropic-claude-3.5-haiku' },
			{ name: 'anthropic-claude-4.6-sonnet', value: 'anthropic-claude-4.6-sonnet' },
		]);
	});

	it('lists embedding models first in the Embeddings picker, the node\'s and the sub-node\'s', async () => {
		for (const [name, currentNodeParameters] of [
			[NODE_TYPE, { ...THE_NODES_DEFAULTS, resource: 'embedding', operation: 'create' }],
			[EMBEDDINGS_NODE_TYPE, {}],
		] as const) {
			const ids = (await modelList(name, currentNodeParameters)).map(({ value }) => value);
			expect(ids).toEqual(['qwen3-embedding-0.6b', ...STAND_IN_MODEL_IDS.filter((id) => id !== 'qwen3-embedding-0.6b')]);
		}
	});

	it('tests the credential: OK for the right key, a clear failure for a wrong one', async () => {
		const test = (apiKey: string) =>
			rest.request('POST', '/rest/credentials/test', {
				credentials: { ...CREDENTIAL, data: { apiKey, baseUrl: n8n.standIn.url } },
			});
		expect((await test(n8n.standIn.key)).json.data).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect((await test('a-wrong-key')).json.data).toEqual({
			status: 'Error',
			message:
				'The model access key was rejected. Copy it again from the DigitalOcean control panel (Inference → Manage, the Model Access Keys page); a key restricted to a VPC network works only from inside that VPC.',
		});
	});
});

describe('in a real browser', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		// Sets the owner up when this block runs alone (-t), as the REST calls' block does.
		await n8n.rest().signIn(OWNER);
		await signInToEditor(page, n8n.url, OWNER);
	});
	afterAll(async () => browser?.close());

	/** Clicks the node named `displayName` in the nodes panel's list. */
	async function pickInNodesPanel(displayName: string) {
		await page.locator('[data-test-id="node-creator-item-name"]').getByText(displayName, { exact: true }).first().click();
	}

	const ourNodesOnCanvas = (type: string) => page.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]`);

	it('finds the node in the nodes panel by "DigitalOcean" and by "Gradient", and adds it to the canvas', async () => {
		await page.goto(`${n8n.url}/workflow/new`);
		for (const [search, count] of [['DigitalOcean', 1], ['Gradient', 2]] as const) {
			await page.click('[data-test-id="node-creator-plus-button"]');
			expect({ search, listed: await searchNodesPanel(page, search, { atLeastOne: true }) }).toEqual({
				search,
				listed: expect.arrayContaining(['DigitalOcean Gradient']),
			});
			await pickInNodesPanel('DigitalOcean Gradient');
			// An installed community node shows its details with its actions; picking one adds the node and opens it.
			await pickInNodesPanel('Message a model');
			await page.waitForSelector('[data-test-id="ndv"]');
			await page.keyboard.press('Escape');
			await ourNodesOnCanvas(NODE_TYPE).nth(count - 1).waitFor();
			expect(await ourNodesOnCanvas(NODE_TYPE).count()).toBe(count);
		}
	});

	it('offers the Chat Model at an AI Agent\'s Chat Model input and the Embeddings at a vector store\'s Embedding input, where n8n lists sub-nodes', async () => {
		// The RAG example without our two sub-nodes: the agent's Chat Model and the vector store's Embedding inputs are free.
		const rag = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, 'rag-in-memory.json'), 'utf8'));
		const subNodes = ['DigitalOcean Gradient Chat Model', 'DigitalOcean Gradient Embeddings'];
		await n8n.importWorkflowObject({
			...rag,
			id: 'dogSubNodesFind1',
			name: 'Find the sub-nodes',
			nodes: rag.nodes.filter(({ name }: { name: string }) => !subNodes.includes(name)),
			connections: Object.fromEntries(Object.entries(rag.connections).filter(([name]) => !subNodes.includes(name))),
		});
		await page.goto(`${n8n.url}/workflow/dogSubNodesFind1`);
		for (const [node, input, subNode, type] of [
			['AI Agent', 'ai_languageModel', 'DigitalOcean Gradient Chat Model', CHAT_MODEL_NODE_TYPE],
			['Index Documents', 'ai_embedding', 'DigitalOcean Gradient Embeddings', EMBEDDINGS_NODE_TYPE],
		] as const) {
			// Only the sub-node that fits the input: n8n lists sub-nodes by the connection they supply.
			expect(await searchNodesPanelAtInput(page, node, input, 'Gradient', [subNode])).toEqual([subNode]);
			await pickInNodesPanel(subNode);
			// An installed community sub-node shows its details first.
			await page.getByRole('button', { name: 'Add to workflow' }).click();
			await ourNodesOnCanvas(type).waitFor();
			await page.locator(`[data-test-id="edge"][data-source-node-name="${subNode}"][data-target-node-name="${node}"]`).waitFor({ state: 'attached' });
			if (await page.locator('[data-test-id="ndv"]').isVisible()) await page.keyboard.press('Escape');
		}
	});

	it('shows no list hint in the Model field\'s ID mode, and what the list holds beside the list', async () => {
		await page.goto(`${n8n.url}/workflow/dogSummarize0001`);
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="Summarize"]');
		// The field with its hint below it (n8n's ParameterInputWrapper).
		const model = page.locator('[data-test-id="ndv"] [data-test-id="parameter-input"]').filter({ has: page.locator('[data-test-id="parameter-input-model"]') }).last();
		const chooseMode = async (mode: 'id' | 'list') => {
			await model.locator('[data-test-id="rlc-mode-selector"]').click();
			await page.locator(`.el-popper:visible [data-test-id="mode-${mode}"]`).click();
		};
		await chooseMode('id');
		await page.waitForFunction(() => (document.querySelector('[data-test-id="rlc-input"]') as HTMLInputElement | null)?.placeholder === 'e.g. llama3.3-70b-instruct');
		expect(await model.innerText()).not.toMatch(/\blist\b/);
		await chooseMode('list');
		await model.getByText('Chat models come first in the list (judged by their ID); embedding, image and fal models follow').waitFor();
		await page.keyboard.press('Escape');
	});

	it('picks a model from the dropdown, runs the node and shows the reply', async () => {
		await page.goto(`${n8n.url}/workflow/dogSummarize0001`);
		// The canvas names the operation and the model under the node.
		await page
			.locator('[data-test-id="canvas-node"][data-node-name="Summarize"]')
			.getByText('Message a model: llama3.3-70b-instruct')
			.waitFor();
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="Summarize"]');
		await page.waitForSelector('[data-test-id="ndv"]');

		await page.click('[data-test-id="rlc-input"]');
		const items = page.locator('[data-test-id="rlc-item"]');
		// Every model of the stand-in is offered (the selected one may be listed first as well).
		await page.waitForFunction(() => document.querySelectorAll('[data-test-id="rlc-item"]').length >= 12);
		expect(await items.allInnerTexts()).toEqual(
			expect.arrayContaining(['llama3.3-70b-instruct', 'anthropic-claude-3.5-haiku', 'openai-gpt-4o']),
		);
		await page.keyboard.type('claude');
		// The list narrows to what was typed.
		await page.waitForFunction(() =>
			Array.from(document.querySelectorAll('[data-test-id="rlc-item"]')).every((item) => !item.textContent?.includes('openai')),
		);
		await items.filter({ hasText: 'anthropic-claude-3.5-haiku' }).click();
		await page.waitForFunction(
			() => (document.querySelector('[data-test-id="rlc-input"]') as HTMLInputElement | null)?.value === 'anthropic-claude-3.5-haiku',
		);

		await page.click('[data-test-id="node-execute-button"]');
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText('Echo from anthropic-claude-3.5-haiku: Summarize this review of Trail Runner 2', { exact: false }).first().waitFor();
		await saveScreenshot(page, 'chat-completion-in-the-editor.png');
	});

	/**
	 * Opens an example, runs it, waits for the agent's answer to show `answer`, and takes the
	 * canvas as the README shows it (copied there with UPDATE_README_SCREENSHOT=1).
	 */
	async function runExampleAgent(workflowId: string, subNode: string, answer: string, image: string) {
		await page.goto(`${n8n.url}/workflow/${workflowId}`);
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${subNode}"]`).waitFor();
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="AI Agent"]');
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText(answer, { exact: false }).first().waitFor();
		await page.keyboard.press('Escape');
		await saveScreenshot(page, image);
	}

	it('runs the AI Agent example: our Chat Model as its model, our node as its tool', async () => {
		await runExampleAgent('dogAiAgent000001', 'DigitalOcean Gradient Chat Model', 'The tool answered:', 'ai-agent-in-the-editor.png');
	});

	it('runs the RAG example: the agent answers from the document our Embeddings indexed, and the sub-node shows its calls', async () => {
		await runExampleAgent(
			'dogRagInMemory01',
			'DigitalOcean Gradient Embeddings',
			'The shark lives in the ocean and hunts fish.',
			'rag-in-the-editor.png',
		);
		// The sub-node's own view: what it was asked to embed, as for n8n's own embeddings nodes.
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="DigitalOcean Gradient Embeddings"]');
		await page.locator('[data-test-id="ndv"]').getByText('Which animal lives in the ocean', { exact: false }).first().waitFor();
		await page.keyboard.press('Escape');
	});

	it('runs the image example: each generated image is a file in the output panel, and shows as the image the API drew', async () => {
		await page.goto(`${n8n.url}/workflow/dogImageGenerate`);
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Generate Image"]');
		await node.getByText('Generate an image: openai-gpt-image-1').waitFor();
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.locator('[data-test-id="canvas-node"][data-node-name="Generate Image"] [data-test-id="canvas-node-status-success"]').waitFor();
		await node.dblclick();
		const output = page.locator('[data-test-id="output-panel"]');
		// n8n lists a node's files in its Binary view, with their name and type.
		const binaryMode = output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Binary', { exact: true });
		if (await binaryMode.count()) await binaryMode.click();
		const file = output.locator('[data-test-id="ndv-binary-data_0"]').first();
		await file.getByText('image.png').waitFor();
		await file.getByText('image/png').waitFor();
		await file.locator('[data-test-id="ndv-view-binary-data"]').click();
		// The preview shows the very image: its pixels loaded, 256 × 256 as the stand-in drew it.
		const shown = await page.waitForFunction(() => {
			const image = Array.from(document.querySelectorAll('img')).find((each) => each.naturalWidth === 256 && each.naturalHeight === 256);
			return image ? image.getAttribute('src') : undefined;
		});
		expect(await shown.jsonValue()).toBeTruthy();
		await saveScreenshot(page, 'image-in-the-editor.png');
		await page.keyboard.press('Escape');
	});

	it('runs the batch example: 100 questions in one batch, each answer shown on its item in the output panel', async () => {
		await page.goto(`${n8n.url}/workflow/dogBatchAnswer01`);
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Answer as a batch"]');
		await node.getByText('Create a batch: openai-gpt-4o-mini').waitFor();
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.locator('[data-test-id="canvas-node"][data-node-name="Question and answer"] [data-test-id="canvas-node-status-success"]').waitFor({ timeout: 120_000 });
		await node.dblclick();
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText('100 items', { exact: false }).first().waitFor();
		await output.getByText('Echo from openai-gpt-4o-mini: Question 1: what is 1 times 7?', { exact: false }).first().waitFor();
		await saveScreenshot(page, 'batch-in-the-editor.png');
		await page.keyboard.press('Escape');
	});

	it("shows Batch → Create's options behind one Add Option, and Tool Choice Function Name only once Tool Choice is Function", async () => {
		await page.goto(`${n8n.url}/workflow/dogBatchAnswer01`);
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="Answer as a batch"]');
		await page.waitForSelector('[data-test-id="ndv"]');
		// Two Add Option buttons: the operation's Options, then the node's Request Options; no Batch Options.
		const addButtons = page.locator('[data-test-id="ndv"] [data-test-id="collection-parameter-add"]');
		expect(await addButtons.count()).toBe(2);
		expect(await page.locator('[data-test-id="ndv"]').getByText('Batch Options', { exact: true }).count()).toBe(0);
		const addOption = addButtons.first();
		const offered = async () => {
			await addOption.scrollIntoViewIfNeeded();
			await addOption.locator('input').click();
			const items = page.locator('.el-select-dropdown__item:visible');
			await items.first().waitFor();
			return (await items.allInnerTexts()).map((text) => text.trim());
		};
		// The example sets Max Completion Tokens and Maximum Wait already: the rest is offered, by name.
		const before = await offered();
		expect(before).toEqual([...before].sort((a, b) => a.localeCompare(b)));
		expect(before).toEqual(expect.arrayContaining(['Batch Metadata', 'Metadata', 'Request ID', 'Temperature', 'Tool Choice', 'Tools']));
		expect(before).not.toContain('Tool Choice Function Name');

		await page.locator('.el-select-dropdown__item:visible', { hasText: /^Tool Choice$/ }).click();
		const toolChoice = page.locator('[data-test-id="parameter-input-toolChoice"]');
		await toolChoice.scrollIntoViewIfNeeded();
		await toolChoice.click();
		await page.locator('.el-select-dropdown__item:visible', { hasText: /^Function/ }).first().click();
		// Tool Choice's own list closes first: read while it still shows, its items would be taken for the options.
		await page.locator('.el-select-dropdown__item:visible', { hasText: /^Function/ }).first().waitFor({ state: 'hidden' });
		expect(await offered()).toContain('Tool Choice Function Name');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
	});
});
