import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { pacerFor, type QuotaPacer, sendPaced } from './pacer';
import { perRun } from './perRun';
import { normalBaseUrl } from '../baseUrl';

export const CREDENTIAL_TYPE = 'digitalOceanGradientApi';

export interface GradientCredentials {
	apiKey?: string;
	baseUrl?: string;
}

/** The run's credential, decrypted once for all its items. */
export const runCredentials = perRun((context: IExecuteSingleFunctions) =>
	context.getCredentials<GradientCredentials & Record<string, string>>(CREDENTIAL_TYPE),
);

type AuthenticatedRequest = (
	this: unknown,
	credentialsType: string,
	requestOptions: IHttpRequestOptions,
	additionalCredentialOptions?: IAdditionalCredentialOptions,
) => Promise<unknown>;

/**
 * The node's credential as n8n's request helper takes it already decrypted
 * (`credentialsDecrypted`), so that it is not read from n8n's database for each request: a copy
 * of `data` for each request.
 */
export function decryptedCredential(node: INode, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const { id = null, name = '' } = node.credentials?.[CREDENTIAL_TYPE] ?? {};
	return { id: id ?? '', name, type: CREDENTIAL_TYPE, data: { ...data } };
}

/**
 * The pacer of a credential: every execution in this n8n process that uses it (and the
 * Embeddings sub-node) shares its quota. Keyed by the credential's ID and Base URL, never by
 * the key itself.
 */
export function credentialPacer(node: INode, data: GradientCredentials): QuotaPacer {
	const { id, name = '' } = node.credentials?.[CREDENTIAL_TYPE] ?? {};
	return pacerFor(`${id ?? name}|${normalBaseUrl(data.baseUrl)}`);
}

const handsRunCredentials = new WeakSet<AuthenticatedRequest>();

/**
 * Has the item's request helper authenticate with the run's credential and wait for the
 * credential's quota (pacer.ts). n8n's RoutingNode decrypts the credential at the start of a run
 * but hands it to no request, so each request reads and decrypts it from n8n's database again:
 * in n8n 2.41.1 on SQLite that was about 10 ms of waiting in front of every request, 8 in
 * flight. n8n's helper takes an already decrypted credential (`credentialsDecrypted`); this
 * passes the run's, a copy per request. (RoutingNode and the follow-ups send every request of
 * an item through this helper of its context: not documented, pinned by pacing.test.ts, whose
 * requests would go unpaced otherwise, and requestPath.test.ts.)
 */
export async function authenticateWithRunCredentials(context: IExecuteSingleFunctions): Promise<void> {
	const helpers = context.helpers as { httpRequestWithAuthentication?: AuthenticatedRequest };
	const send = helpers.httpRequestWithAuthentication;
	if (typeof send !== 'function' || handsRunCredentials.has(send)) return;
	const data = await runCredentials(context);
	const node = context.getNode();
	const pacer = credentialPacer(node, data);
	const signal = context.getExecutionCancelSignal();
	const withRunCredentials: AuthenticatedRequest = async function (credentialsType, requestOptions, options) {
		const credentialsDecrypted =
			options?.credentialsDecrypted ?? (credentialsType === CREDENTIAL_TYPE ? decryptedCredential(node, data) : undefined);
		return await sendPaced(pacer, requestOptions, signal, async () => await send.call(this, credentialsType, requestOptions, { ...options, credentialsDecrypted }));
	};
	handsRunCredentials.add(withRunCredentials);
	helpers.httpRequestWithAuthentication = withRunCredentials;
}
