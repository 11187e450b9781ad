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
import { AGENT_ENDPOINT_HINT, normalAgentEndpoint } from '../agentEndpoint';
import { BASE_URL_HINT, normalBaseUrl } from '../baseUrl';

export const CREDENTIAL_TYPE = 'digitalOceanGradientApi';
export const AGENT_CREDENTIAL_TYPE = 'digitalOceanGradientAgentApi';

export interface GradientCredentials {
	apiKey?: string;
	baseUrl?: string;
	/** The agent credential's address, where the model credential has baseUrl. */
	endpoint?: string;
}

/** One of the node's credentials: which type, where its requests go, and what to say when that address is wrong. */
export interface CredentialKind {
	type: string;
	/** The value of the node's hidden `authentication` parameter that selects it. */
	authentication: string;
	/** The credential's field for the address, as the credential shows it. */
	addressField: string;
	addressOf(data: GradientCredentials): string;
	addressHint: string;
}

export const MODEL_ACCESS_KEY: CredentialKind = {
	type: CREDENTIAL_TYPE,
	authentication: 'modelAccessKey',
	addressField: 'Base URL',
	addressOf: (data) => normalBaseUrl(data.baseUrl),
	addressHint: BASE_URL_HINT,
};

export const AGENT_ENDPOINT_ACCESS_KEY: CredentialKind = {
	type: AGENT_CREDENTIAL_TYPE,
	authentication: 'agentEndpointAccessKey',
	addressField: 'Agent Endpoint',
	addressOf: (data) => normalAgentEndpoint(data.endpoint),
	addressHint: AGENT_ENDPOINT_HINT,
};

/**
 * The credential a run's requests use (read once per run), by the node's hidden `authentication` parameter: n8n's
 * RoutingNode picks a node's credential by that parameter when it has more than one (not
 * documented: RoutingNode's prepareCredentials; pinned by test/toolMode.test.cts, where an AI
 * Agent's tool runs through RoutingNode, and test/agent.test.cts).
 */
export const credentialKindOf = perRun((context: IExecuteSingleFunctions): CredentialKind => {
	const authentication = context.getNodeParameter('authentication', MODEL_ACCESS_KEY.authentication);
	return authentication === AGENT_ENDPOINT_ACCESS_KEY.authentication ? AGENT_ENDPOINT_ACCESS_KEY : MODEL_ACCESS_KEY;
});

/** The run's credential, decrypted once for all its items. */
export const runCredentials = perRun((context: IExecuteSingleFunctions) =>
	context.getCredentials<GradientCredentials & Record<string, string>>(credentialKindOf(context).type),
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
export function decryptedCredential(node: INode, data: ICredentialDataDecryptedObject, type = CREDENTIAL_TYPE): ICredentialsDecrypted {
	const { id = null, name = '' } = node.credentials?.[type] ?? {};
	return { id: id ?? '', name, type, data: { ...data } };
}

/**
 * The pacer of a credential: every execution in this n8n process that uses it (and the
 * Embeddings sub-node) shares its quota. Keyed by the credential's type, ID and address, never
 * by the key itself.
 */
export function credentialPacer(node: INode, data: GradientCredentials, kind = MODEL_ACCESS_KEY): QuotaPacer {
	const { id, name = '' } = node.credentials?.[kind.type] ?? {};
	return pacerFor(`${kind.type}|${id ?? name}|${kind.addressOf(data)}`);
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
	const kind = credentialKindOf(context);
	const pacer = credentialPacer(node, data, kind);
	const signal = context.getExecutionCancelSignal();
	const withRunCredentials: AuthenticatedRequest = async function (credentialsType, requestOptions, options) {
		const credentialsDecrypted =
			options?.credentialsDecrypted ?? (credentialsType === kind.type ? decryptedCredential(node, data, kind.type) : undefined);
		return await sendPaced(pacer, requestOptions, signal, async () => await send.call(this, credentialsType, requestOptions, { ...options, credentialsDecrypted }));
	};
	handsRunCredentials.add(withRunCredentials);
	helpers.httpRequestWithAuthentication = withRunCredentials;
}
