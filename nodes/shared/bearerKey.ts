import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A credential's `authenticate`: its `apiKey` as a bearer token, trimmed, so that a key pasted
 * with spaces around it works and is hidden as it was sent. A function, not an expression: n8n
 * would evaluate an expression for every request, a measurable share of the node's CPU per
 * item in n8n's default expression engine.
 */
export const authenticateWithBearerKey = async (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> => ({
	...requestOptions,
	headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '').trim()}` },
});
