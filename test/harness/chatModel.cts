import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testCredentials } from './runNode.cjs';
import { supplySubNode } from './subNode.cjs';

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

/** The Chat Model sub-node as an AI Agent gets it (supplySubNode). */
export async function supplyChatModel(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject = testCredentials(),
) {
	const supplied = await supplySubNode(
		CHAT_MODEL_NODE_TYPE,
		'DigitalOcean Gradient Chat Model',
		NodeConnectionTypes.AiLanguageModel,
		parameters,
		credentials,
	);
	return { ...supplied, model: supplied.response as SuppliedChatModel };
}
