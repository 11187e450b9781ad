// The Options of Chat → Message a Model and Batch → Create as n8n's editor shows them and as
// n8n keeps them: one collection per operation, sorted by name, and Tool Choice Function Name
// only beside Tool Choice "Function" (a displayOptions rule inside the collection, read
// relative to it by n8n-workflow's getNodeParameters and by the editor).
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage, workflowWithNode } from './harness/package.cjs';
import { batchCreateParameters, chatParameters } from './harness/parameters.cjs';

const OPERATIONS: Array<[string, INodeParameters]> = [
	['Chat → Message a Model', chatParameters()],
	['Batch → Create', batchCreateParameters()],
];

/** The fields the editor shows for these parameters. */
async function shownFields(parameters: INodeParameters): Promise<INodeProperties[]> {
	const { nodeType } = await loadPackage();
	const { node } = workflowWithNode((await loadPackage()).nodeTypes, parameters);
	return nodeType.description.properties.filter((field) =>
		NodeHelpers.displayParameter(parameters, field, node, nodeType.description),
	);
}

/** The parameters as n8n keeps them once loaded (what a saved workflow runs with). */
async function keptParameters(parameters: INodeParameters): Promise<INodeParameters> {
	const { nodeType, nodeTypes } = await loadPackage();
	const { node } = workflowWithNode(nodeTypes, parameters);
	return NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, false, false, node, nodeType.description) ?? {};
}

describe('the Options of a chat request', () => {
	it.each(OPERATIONS)("%s shows one Options collection, after the operation's other fields, its options sorted by name", async (_, parameters) => {
		// Request Options is the node's own (batching, retries, concurrency), shown for every operation after the rest.
		const fields = (await shownFields(parameters)).filter(({ name }) => name !== 'requestOptions');
		const collections = fields.filter(({ type }) => type === 'collection');
		expect(collections.map(({ name, displayName }) => [name, displayName])).toEqual([['options', 'Options']]);
		expect(fields[fields.length - 1].name).toBe('options');
		const names = (collections[0].options as INodeProperties[]).map(({ displayName }) => displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it("Batch → Create's Options hold each request's options and the batch's own", async () => {
		const [options] = (await shownFields(batchCreateParameters())).filter(({ name }) => name === 'options');
		const chat = (await shownFields(chatParameters())).find(({ name }) => name === 'options');
		const names = (options.options as INodeProperties[]).map(({ name }) => name);
		expect(names.filter((name) => !(chat?.options as INodeProperties[]).some((option) => option.name === name))).toEqual([
			'batchMetadata',
			'maxWaitSeconds',
			'requestId',
		]);
	});

	it.each(OPERATIONS)('%s keeps Tool Choice Function Name only while Tool Choice is Function', async (_, parameters) => {
		const tools = { tool: [{ name: 'get_weather', description: 'The weather in a city', parameters: '{}' }] };
		const withChoice = (toolChoice: string) => ({ ...parameters, options: { tools, toolChoice, toolChoiceFunctionName: 'get_weather' } });

		expect((await keptParameters(withChoice('function'))).options).toEqual({ tools, toolChoice: 'function', toolChoiceFunctionName: 'get_weather' });
		expect((await keptParameters(withChoice('required'))).options).toEqual({ tools, toolChoice: 'required' });
		// An expression may name any choice: the name is kept for it to read.
		expect((await keptParameters(withChoice('={{ "function" }}'))).options).toMatchObject({ toolChoiceFunctionName: 'get_weather' });
	});

	it('shows Tool Choice Function Name in the editor only beside Tool Choice "Function"', async () => {
		const { nodeType, nodeTypes } = await loadPackage();
		const [options] = (await shownFields(chatParameters())).filter(({ name }) => name === 'options');
		const field = (options.options as INodeProperties[]).find(({ name }) => name === 'toolChoiceFunctionName');
		if (!field) throw new Error('no Tool Choice Function Name');
		// The editor's check for an option of a collection: its displayOptions read at the collection's path.
		const shownWith = (toolChoice: string) => {
			const parameters = { ...chatParameters(), options: { toolChoice } };
			const { node } = workflowWithNode(nodeTypes, parameters);
			return NodeHelpers.displayParameterPath({ parameters }, field, 'parameters.options', node, nodeType.description);
		};
		expect(shownWith('function')).toBe(true);
		expect(shownWith('auto')).toBe(false);
	});
});
