import { SupplyDataContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeParameters, NodeConnectionType } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { testAdditionalData } from './additionalData.cjs';
import { loadPackage, workflowWithNode } from './package.cjs';
import { testCredentials } from './runNode.cjs';

/**
 * A sub-node as the AI node it is connected to gets it: n8n calls `supplyData` with a
 * SupplyDataContext for the connection, and the AI node uses the `response`. `runData` is
 * what n8n keeps of the sub-node's runs (what the editor shows), `aiEvents` the AI events it logged.
 */
export async function supplySubNode(
	type: string,
	name: string,
	connectionType: NodeConnectionType,
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject = testCredentials(),
) {
	const { nodeTypes, credentialType } = await loadPackage();
	const { node, workflow } = workflowWithNode(nodeTypes, parameters, { type, name });
	const input = { main: [[{ json: {} }]] };
	const runExecutionData = createRunExecutionData();
	const aiEvents: string[] = [];
	const context = new SupplyDataContext(
		workflow,
		node,
		testAdditionalData(credentials, credentialType, undefined, aiEvents),
		'manual',
		runExecutionData,
		0,
		[],
		input,
		connectionType,
		{ node, data: input, source: null },
		[],
	);
	const nodeType = nodeTypes.getByNameAndVersion(type, 1);
	const supplied = await nodeType.supplyData!.call(context, 0);
	return { ...supplied, aiEvents, runData: () => runExecutionData.resultData.runData[name] ?? [] };
}
