import type { ICredentialDataDecryptedObject, ISupplyDataFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiV1UrlFrom } from './baseUrl';
import { CREDENTIAL_TYPE } from './transport/runCredentials';

/**
 * What a sub-node needs to call the API for one item: the credential (its key trimmed, as the
 * credential sends it), the API's version 1 address, and the Model (trimmed; none is an error
 * that says how to pick one, `pickHint`).
 */
export async function subNodeTarget(context: ISupplyDataFunctions, itemIndex: number, pickHint: string) {
	const credentialData = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const apiKey = String(credentialData.apiKey ?? '').trim();
	const apiUrl = apiV1UrlFrom(context.getNode(), credentialData.baseUrl);
	const value = context.getNodeParameter('model', itemIndex, '', { extractValue: true });
	const model = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (model === '') {
		throw new NodeOperationError(context.getNode(), 'Model: no model is selected', { description: pickHint });
	}
	return { credentialData, apiKey, apiUrl, model };
}
