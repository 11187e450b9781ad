import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { AGENT_CREDENTIAL_TYPE, testAgentCredentials } from './agentCredentials.cjs';
import { TestCredentialsHelper } from './credentialsHelper.cjs';
import { CREDENTIAL_TYPE } from './package.cjs';

/** What n8n's server hands to an execution, reduced to what running our node touches. */
export function testAdditionalData(
	credentials: ICredentialDataDecryptedObject,
	credentialType: (name: string) => ICredentialType,
	hooks?: ExecutionLifecycleHooks,
	/** Receives the names of the AI events the nodes log (n8n sends them to its log streams). */
	aiEvents: string[] = [],
	agentCredentials: ICredentialDataDecryptedObject = testAgentCredentials(),
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		logAiEvent: (event: string) => aiEvents.push(event),
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: credentials, [AGENT_CREDENTIAL_TYPE]: agentCredentials }, credentialType),
		currentNodeParameters: undefined,
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}
