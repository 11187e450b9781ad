// The node as an AI Agent tool, through n8n-core's two ways of running a tool: the engine
// request (the agent asks the engine to run the tool node: WorkflowExecute.runNode, which
// honours customOperations) and the tool invocation handler (get-input-connection-data.js:
// nodeType.execute, RoutingNode). The answer is the same either way.
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	EngineResponse,
	IExecuteFunctions,
	INode,
	INodeType,
	INodeParameters,
	INodeTypes,
	IRun,
	NodeOutput,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { agentAnswer, agentParameters, interceptAgent } from './harness/agent.cjs';
import { TEST_AGENT_KEY } from './harness/agentCredentials.cjs';
import { completion, interceptChat } from './harness/api.cjs';
import { testAdditionalData } from './harness/additionalData.cjs';
import { CREDENTIAL_REFERENCE, loadPackage, NODE_TYPE } from './harness/package.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { testCredentials } from './harness/runNode.cjs';

const AGENT = 'Agent';
const QUESTION_FROM_AI = "={{ $fromAI('question', 'The question', 'string') }}";
const TOOL = 'Gradient Tool';

/** A stand-in for n8n's AI Agent: asks for the tool once, by engine request or by invoking it, and outputs its answer. */
function fakeAgent(way: 'engine' | 'invoke'): INodeType {
	return {
		description: {
			displayName: 'Fake Agent',
			name: 'fakeAgent',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<NodeOutput> {
			if (way === 'invoke') {
				const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{ invoke(args: object): Promise<string> }>;
				const answer = await tools[0].invoke({ question: 'What is 2 + 2?' });
				return [[{ json: { answer: JSON.parse(answer) as object } }]];
			}
			// The engine passes an empty response on the first call.
			if (!response?.actionResponses.length) {
				return {
					actions: [
						{
							actionType: 'ExecutionNodeAction',
							nodeName: TOOL,
							input: { question: 'What is 2 + 2?' },
							type: NodeConnectionTypes.AiTool,
							id: 'call_1',
							metadata: { itemIndex: 0 },
						},
					],
					metadata: {},
				};
			}
			const [{ data }] = response.actionResponses;
			return [[{ json: { answer: (data.data?.[NodeConnectionTypes.AiTool]?.[0] ?? []).map(({ json }) => json) } }]];
		},
	};
}

/** A node that passes its items on: the agent's parent (the engine resumes the agent from its parent's output). */
const passThrough: INodeType = {
	description: {
		displayName: 'Start',
		name: 'passThrough',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: {},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

/** The tool variant n8n's server makes of a `usableAsTool` node: the node type underneath, its description as a tool's. */
function asTool(nodeType: INodeType): INodeType {
	const description = { ...nodeType.description, name: `${nodeType.description.name}Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] };
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

async function runWithAgent(way: 'engine' | 'invoke', parameters: INodeParameters = chatParameters({ prompt: QUESTION_FROM_AI })) {
	const loaded = await loadPackage();
	const tool = asTool(loaded.nodeType);
	const agent = fakeAgent(way);
	const nodeTypes: INodeTypes = {
		...loaded.nodeTypes,
		getByName: (type) => ({ fakeAgent: agent, passThrough })[type] ?? tool,
		getByNameAndVersion: (type) => ({ fakeAgent: agent, passThrough })[type] ?? tool,
	};
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'passThrough', typeVersion: 1, position: [-200, 0], parameters: {} },
		{ id: 'agent', name: AGENT, type: 'fakeAgent', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'tool',
			name: TOOL,
			type: `${NODE_TYPE}Tool`,
			typeVersion: 1,
			position: [0, 200],
			parameters,
			credentials: CREDENTIAL_REFERENCE,
		},
	];
	const connections = {
		Start: { [NodeConnectionTypes.Main]: [[{ node: AGENT, type: NodeConnectionTypes.Main, index: 0 }]] },
		[TOOL]: { [NodeConnectionTypes.AiTool]: [[{ node: AGENT, type: NodeConnectionTypes.AiTool, index: 0 }]] } };
	// executionOrder v1, as n8n gives new workflows: the engine runs the requested tool before resuming the agent.
	const workflow = new Workflow({ id: 'tool-test', nodes, connections, active: false, nodeTypes, settings: { executionOrder: 'v1' } });
	const hooks = new ExecutionLifecycleHooks('manual', 'tool-execution', {
		id: 'tool-test',
		name: 'tool-test',
		nodes,
		connections,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const additionalData = testAdditionalData(testCredentials(), loaded.credentialType, hooks);
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }] },
	});
	void new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow).catch(() => undefined);
	const run = await finished;
	return run.data.resultData;
}

describe('as an AI Agent tool', () => {
	let nodeType: INodeType;
	let customRuns = 0;
	let original: INodeType['customOperations'];

	beforeAll(async () => {
		({ nodeType } = await loadPackage());
		original = nodeType.customOperations;
		const complete = original!.chat.complete;
		nodeType.customOperations = {
			...original,
			chat: {
				complete: async function (this: IExecuteFunctions) {
					customRuns += 1;
					return await complete.call(this);
				},
			},
		};
	});
	afterAll(() => {
		nodeType.customOperations = original;
	});
	beforeEach(() => {
		customRuns = 0;
	});

	it.each([
		['engine request (WorkflowExecute.runNode): the custom operation runs', 'engine' as const, 1],
		['tool invocation (nodeType.execute): RoutingNode runs the routing', 'invoke' as const, 0],
	])('%s', async (_name, way, expectedCustomRuns) => {
		const requests = interceptChat({ body: completion({ content: '4' }) });
		const { runData, error } = await runWithAgent(way);

		expect(error).toBeUndefined();
		expect(customRuns).toBe(expectedCustomRuns);
		expect(requests.map(({ body }) => body)).toEqual([
			{ model: 'llama3.3-70b-instruct', messages: [{ role: 'user', content: 'What is 2 + 2?' }] },
		]);
		const answer = runData[AGENT].at(-1)?.data?.main?.[0]?.[0]?.json.answer;
		expect(answer).toEqual([expect.objectContaining({ content: '4', finish_reason: 'stop' })]);
	});

	it.each([
		['engine request', 'engine' as const],
		['tool invocation (RoutingNode, which picks the agent credential by the hidden Authentication parameter)', 'invoke' as const],
	])('Agent → Message an Agent works as a tool too: %s', async (_name, way) => {
		const requests = interceptAgent({ body: agentAnswer('4') });
		const { runData, error } = await runWithAgent(way, agentParameters({ prompt: QUESTION_FROM_AI }));

		expect(error).toBeUndefined();
		expect(requests.map(({ body, headers }) => [body, headers.authorization])).toEqual([
			[{ messages: [{ role: 'user', content: 'What is 2 + 2?' }] }, `Bearer ${TEST_AGENT_KEY}`],
		]);
		const answer = runData[AGENT].at(-1)?.data?.main?.[0]?.[0]?.json.answer;
		expect(answer).toEqual([expect.objectContaining({ content: '4', finish_reason: 'stop' })]);
	});
});
