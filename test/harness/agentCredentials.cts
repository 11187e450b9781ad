import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const AGENT_CREDENTIAL_TYPE = 'digitalOceanGradientAgentApi';
export const TEST_AGENT_ENDPOINT = 'http://127.0.0.1:8';
export const TEST_AGENT_KEY = 'agent-test-key-0123456789abcdef';

/** The DigitalOcean Gradient Agent credential as n8n hands it to the node. */
export const testAgentCredentials = (
	data: Partial<{ apiKey: string; endpoint: string }> = {},
): ICredentialDataDecryptedObject => ({ apiKey: TEST_AGENT_KEY, endpoint: TEST_AGENT_ENDPOINT, ...data });
