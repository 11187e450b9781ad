import { SupplyDataContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes } from 'n8n-workflow';

import { testAdditionalData } from './additionalData';
import { loadPackage, workflowWithNode } from './package';
import { testCredentials } from './runNode';

export const CHAT_MODEL_NODE_TYPE = 'n8n-nodes-digitalocean-gradient.digitalOceanGradientChatModel';

/** What LangChain's chat model offers the tests: the calls an AI Agent makes. */
export interface SuppliedChatModel {
	invoke(input: string): Promise<{ content: unknown; tool_calls?: unknown[] }>;
	stream(input: string): Promise<AsyncIterable<{ tool_call_chunks?: Array<{ name?: string; args?: string }> }>>;
	bindTools(tools: unknown[]): SuppliedChatModel;
}

/** The error a call ends with; a call that succeeds fails the test. */
export async function failureOf(call: Promise<unknown>) {
	const error = await call.then(
		() => undefined,
		(failure: unknown) => failure,
	);
	if (!error) throw new Error('The call did not fail');
	return error as { message: string; description?: string; httpCode?: string };
}

/**
 * The Chat Model sub-node as an AI Agent gets it: n8n calls `supplyData` with a
 * SupplyDataContext for the ai_languageModel connection, and the agent uses the `response`.
 */
export async function supplyChatModel(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject = testCredentials(),
) {
	const { nodeTypes, credentialType } = await loadPackage();
	const { node, workflow } = workflowWithNode(nodeTypes, parameters, {
		type: CHAT_MODEL_NODE_TYPE,
		name: 'DigitalOcean Gradient Chat Model',
	});
	const input = { main: [[{ json: {} }]] };
	const context = new SupplyDataContext(
		workflow,
		node,
		testAdditionalData(credentials, credentialType),
		'manual',
		createRunExecutionData(),
		0,
		[],
		input,
		NodeConnectionTypes.AiLanguageModel,
		{ node, data: input, source: null },
		[],
	);
	const nodeType = nodeTypes.getByNameAndVersion(CHAT_MODEL_NODE_TYPE, 1);
	const supplied = await nodeType.supplyData!.call(context, 0);
	return { ...supplied, model: supplied.response as SuppliedChatModel };
}
