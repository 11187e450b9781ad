import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { testAdditionalData } from './additionalData.cjs';
import { CREDENTIAL_REFERENCE, loadPackage, NODE_TYPE } from './package.cjs';

export const TEST_BASE_URL = 'http://127.0.0.1:9';
export const TEST_KEY = 'do-test-key-0123456789abcdef';
export const NODE_NAME = 'DigitalOcean Gradient';

export const testCredentials = (
	data: Partial<{ apiKey: string; baseUrl: string }> = {},
): ICredentialDataDecryptedObject => ({ apiKey: TEST_KEY, baseUrl: TEST_BASE_URL, ...data });

export interface RunOptions {
	parameters: INodeParameters;
	input?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	/** The DigitalOcean Gradient Agent credential's data, for the Agent resource. */
	agentCredentials?: ICredentialDataDecryptedObject;
	onError?: INode['onError'];
	/** Receives a function that cancels the execution, as the editor's Stop button does. */
	onRunning?: (cancel: () => void) => void;
	/** Another node type to run instead of ours (the benchmark's bare declarative node). */
	nodeType?: INodeType;
	/** The node's settings beyond its parameters (Execute Once, Retry On Fail). */
	settings?: Pick<INode, 'executeOnce' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/** The execution's ID (n8n gives every execution its own). */
	executionId?: string;
}

export interface NodeRun {
	/** The node's output items, as the next node would receive them. */
	items: INodeExecutionData[];
	/** The error that stopped the node, if it failed. */
	error?: Error & { description?: string | null; httpCode?: string | null };
	/** Everything n8n keeps of the execution. */
	run: IRun;
}

/** Runs our node alone in a one-node workflow through n8n's WorkflowExecute. */
export async function runNode({
	parameters,
	input = [{ json: {} }],
	credentials = testCredentials(),
	agentCredentials,
	onError,
	onRunning,
	nodeType,
	settings = {},
	executionId,
}: RunOptions): Promise<NodeRun> {
	const loaded = await loadPackage();
	const { credentialType } = loaded;
	const nodeTypes: INodeTypes = nodeType
		? { ...loaded.nodeTypes, getByName: () => nodeType, getByNameAndVersion: () => nodeType }
		: loaded.nodeTypes;
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: CREDENTIAL_REFERENCE,
		...(onError ? { onError } : {}),
		...settings,
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
	});

	const additionalData = testAdditionalData(credentials, credentialType, hooks, [], agentCredentials);
	if (executionId) additionalData.executionId = executionId;

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [input] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	onRunning?.(() => execution.cancel());
	// A cancelled execution rejects; n8n still reports the run to the hooks.
	execution.catch(() => undefined);
	const run = await finished;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (taskData?.error ?? run.data.resultData.error) as NodeRun['error'],
		run,
	};
}
