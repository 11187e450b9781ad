// The example workflows (examples/*.json) as n8n imports them: each with its own ID, the saved
// credentials they share, connections between nodes that exist, and our nodes set only with
// parameters and options the built node declares for them (n8n drops any other without a word,
// so a misspelt option would make an example quietly show less than it says).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage, PACKAGE_DIR } from './harness/package.cjs';

type SavedCredential = { id: string; name: string; type: string };
const { EXAMPLES_AGENT_CREDENTIAL, EXAMPLES_CREDENTIAL } = require('../dev/n8n') as { EXAMPLES_AGENT_CREDENTIAL: SavedCredential; EXAMPLES_CREDENTIAL: SavedCredential };

interface ExampleNode extends INode {
	credentials?: Record<string, { id: string; name: string }>;
}

interface Example {
	id: string;
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string }> | null>>>;
}

const EXAMPLES_DIR = path.join(PACKAGE_DIR, 'examples');
const examples = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file): [string, Example] => [file, JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'))]);
const OUR_PACKAGE = 'n8n-nodes-digitalocean-gradient.';

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** What is wrong with one value of an options field (a value it does not offer), or nothing. */
function optionProblem(field: INodeProperties, value: unknown, where: string): string[] {
	if (field.type !== 'options' || isExpression(value)) return [];
	const offered = (field.options as INodePropertyOptions[]).map((option) => option.value);
	return offered.includes(value as string) ? [] : [`${where} is ${JSON.stringify(value)}, not one of ${JSON.stringify(offered)}`];
}

/** The parameters of one of our nodes that its description does not show for them, or whose value it does not offer. */
async function unknownParameters(node: ExampleNode): Promise<string[]> {
	const { nodeTypes } = await loadPackage();
	// n8n makes a node's tool variant (…Tool) from the node itself: the parameters are the node's.
	const { description } = nodeTypes.getByNameAndVersion(node.type.replace(/Tool$/, ''), node.typeVersion);
	// With the defaults filled in (resource and operation among them), as the editor decides what to show.
	const values = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) as INodeParameters;
	return Object.entries(node.parameters).flatMap(([name, value]) => {
		const field = description.properties.find((property) => property.name === name && NodeHelpers.displayParameter(values, property, node, description));
		if (!field) return [`"${name}" is not a parameter of ${node.name} as set`];
		if (field.type !== 'collection') return optionProblem(field, value, `"${name}"`);
		return Object.entries(value as INodeParameters).flatMap(([optionName, optionValue]) => {
			const option = (field.options as INodeProperties[]).find((candidate) => candidate.name === optionName);
			if (!option) return [`"${name}.${optionName}" is not an option of ${field.displayName}`];
			return optionProblem(option, optionValue, `"${name}.${optionName}"`);
		});
	});
}

describe.each(examples)('examples/%s', (_, example) => {
	it('has an ID of its own, as n8n makes them (16 letters and digits)', () => {
		expect(example.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(examples.filter(([, other]) => other.id === example.id)).toHaveLength(1);
	});

	it('names each node once and connects only nodes it has', () => {
		const names = example.nodes.map(({ name }) => name);
		expect(new Set(names).size).toBe(names.length);
		const ends = Object.entries(example.connections).flatMap(([from, outputs]) => [
			from,
			...Object.values(outputs).flatMap((output) => output.flatMap((targets) => (targets ?? []).map(({ node }) => node))),
		]);
		expect(ends.filter((name) => !names.includes(name))).toEqual([]);
	});

	it('uses the saved credentials the examples share, by reference: the model access key, or the agent\'s for Agent', () => {
		const references = example.nodes.flatMap(({ credentials }) => Object.entries(credentials ?? {}));
		for (const [type, reference] of references) {
			const saved = [EXAMPLES_CREDENTIAL, EXAMPLES_AGENT_CREDENTIAL].find((credential) => credential.type === type) ?? EXAMPLES_CREDENTIAL;
			expect([type, reference]).toEqual([saved.type, { id: saved.id, name: saved.name }]);
		}
		// Our node takes the agent's credential for Agent and only there.
		const ourNode = [`${OUR_PACKAGE}digitalOceanGradient`, `${OUR_PACKAGE}digitalOceanGradientTool`];
		for (const node of example.nodes.filter(({ type }) => ourNode.includes(type))) {
			const wanted = node.parameters?.resource === 'agent' ? EXAMPLES_AGENT_CREDENTIAL : EXAMPLES_CREDENTIAL;
			expect([node.name, Object.keys(node.credentials ?? {})]).toEqual([node.name, [wanted.type]]);
		}
	});

	it('sets our nodes only with parameters and options they declare, and option values they offer', async () => {
		const ours = example.nodes.filter(({ type }) => type.startsWith(OUR_PACKAGE));
		expect(ours.length).toBeGreaterThan(0);
		const problems = await Promise.all(ours.map(async (node) => (await unknownParameters(node)).map((problem) => `${node.name}: ${problem}`)));
		expect(problems.flat()).toEqual([]);
	});
});
