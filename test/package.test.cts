import { PackageDirectoryLoader } from 'n8n-core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeType } from 'n8n-workflow';

import { canvasSubtitle } from './harness/editor.cjs';
import { PACKAGE_DIR } from './harness/package.cjs';

/** The built package as n8n's loader sees it when the package is installed. */
async function load() {
	const loader = new PackageDirectoryLoader(PACKAGE_DIR);
	await loader.loadAll();
	return loader;
}

describe('the built package', () => {
	it('gives n8n the node, the Chat Model, the Embeddings, the credential they all use, and the agent credential of the node', async () => {
		const loader = await load();
		const nodes = ['digitalOceanGradient', 'digitalOceanGradientChatModel', 'digitalOceanGradientEmbeddings'];
		expect(loader.types.nodes.map(({ name }) => name)).toEqual(nodes);
		expect(loader.types.credentials.map(({ name }) => name)).toEqual(['digitalOceanGradientAgentApi', 'digitalOceanGradientApi']);
		expect(loader.getCredential('digitalOceanGradientApi').type.supportedNodes).toEqual(nodes);
		expect(loader.getCredential('digitalOceanGradientAgentApi').type.supportedNodes).toEqual(['digitalOceanGradient']);
	});

	it('makes the Embeddings a sub-node that supplies embeddings, found with the embeddings', async () => {
		const nodeType = (await load()).getNode('digitalOceanGradientEmbeddings').type as INodeType;
		expect(nodeType.supplyData).toBeInstanceOf(Function);
		expect(nodeType.description).toMatchObject({
			inputs: [],
			outputs: ['ai_embedding'],
			outputNames: ['Embeddings'],
			codex: { categories: ['AI'], subcategories: { AI: ['Embeddings'] } },
		});
	});

	it('makes the Chat Model a sub-node that supplies a language model, found with the chat models', async () => {
		const nodeType = (await load()).getNode('digitalOceanGradientChatModel').type as INodeType;
		expect(nodeType.supplyData).toBeInstanceOf(Function);
		expect(nodeType.description).toMatchObject({
			inputs: [],
			outputs: ['ai_languageModel'],
			outputNames: ['Model'],
			codex: {
				categories: ['AI'],
				subcategories: { AI: ['Language Models', 'Root Nodes'], 'Language Models': ['Chat Models (Recommended)'] },
			},
		});
		expect(nodeType.description.usableAsTool).toBeUndefined();
	});

	it("ships the codex of a root node, as n8n's own OpenAI and Anthropic nodes: the nodes panel's search finds it without an AI node on the canvas", async () => {
		const { description } = (await load()).getNode('digitalOceanGradient').type;
		expect(description.codex).toMatchObject({
			categories: ['AI', 'Development'],
			subcategories: { AI: ['Agents', 'Miscellaneous', 'Root Nodes'] },
		});
	});

	it("links each node's Docs to this package's page (its README), DigitalOcean's API reference second, and the credential to DigitalOcean's how-to on model access keys", async () => {
		const loader = await load();
		const { homepage } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { homepage: string };
		expect(homepage).toBe('https://www.npmjs.com/package/n8n-nodes-digitalocean-gradient');
		for (const name of ['digitalOceanGradient', 'digitalOceanGradientChatModel', 'digitalOceanGradientEmbeddings']) {
			expect(loader.getNode(name).type.description.codex?.resources).toEqual({
				primaryDocumentation: [
					{ url: homepage },
					{ url: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Serverless-Inference' },
				],
				credentialDocumentation: [{ url: 'https://docs.digitalocean.com/products/inference/how-to/model-access-keys/' }],
			});
		}
		expect(loader.getCredential('digitalOceanGradientApi').type.documentationUrl).toBe(
			'https://docs.digitalocean.com/products/inference/how-to/model-access-keys/',
		);
	});

	it('ships light and dark icons for the node and the credential', async () => {
		const loader = await load();
		const iconUrls = [
			loader.getNode('digitalOceanGradient').type.description.iconUrl,
			loader.getNode('digitalOceanGradientChatModel').type.description.iconUrl,
			loader.getNode('digitalOceanGradientEmbeddings').type.description.iconUrl,
			loader.getCredential('digitalOceanGradientApi').type.iconUrl,
		];
		for (const iconUrl of iconUrls) {
			expect(iconUrl).toEqual({
				light: 'icons/n8n-nodes-digitalocean-gradient/dist/icons/digitalOceanGradient.svg',
				dark: 'icons/n8n-nodes-digitalocean-gradient/dist/icons/digitalOceanGradient.dark.svg',
			});
		}
		expect(existsSync(path.join(PACKAGE_DIR, 'dist/icons/digitalOceanGradient.svg'))).toBe(true);
		expect(existsSync(path.join(PACKAGE_DIR, 'dist/icons/digitalOceanGradient.dark.svg'))).toBe(true);
	});

	it('is a declarative node that AI agents can use as a tool', async () => {
		const nodeType = (await load()).getNode('digitalOceanGradient').type as INodeType;
		expect(nodeType.execute).toBeUndefined();
		expect(nodeType.description.usableAsTool).toBe(true);
		expect(nodeType.description.properties.map(({ name }) => name)).toContain('requestOptions');
	});
});

describe('the subtitle on the canvas', () => {
	const model = (value: string, mode = 'list') => ({ __rl: true, mode, value });

	it('names the action and the model picked from the list or typed as an ID', async () => {
		expect(await canvasSubtitle({ resource: 'chat', operation: 'complete', model: model('llama3.3-70b-instruct') })).toBe(
			'Message a model: llama3.3-70b-instruct',
		);
		expect(await canvasSubtitle({ resource: 'chat', operation: 'complete', model: model('openai-gpt-4o', 'id') })).toBe(
			'Message a model: openai-gpt-4o',
		);
	});

	it('names the action of the default resource and operation when the workflow does not set them', async () => {
		expect(await canvasSubtitle({ model: model('llama3.3-70b-instruct') })).toBe('Message a model: llama3.3-70b-instruct');
	});

	it('names the action alone when no model is set yet, and for an operation without a model', async () => {
		expect(await canvasSubtitle({ resource: 'chat', operation: 'complete', model: model('') })).toBe('Message a model');
		expect(await canvasSubtitle({ resource: 'model', operation: 'getAll' })).toBe('Get many models');
		expect(await canvasSubtitle({ resource: 'model', operation: 'getAll', model: model('left-over') })).toBe('Get many models');
	});
});
