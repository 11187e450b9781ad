import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/** How often n8n asked for a credential's decrypted data (its database read, in a real n8n). */
export const credentialReads = { count: 0 };

/**
 * Hands out fixed credential data and applies a credential's generic `authenticate` block the
 * way n8n's server does (expressions resolved against `$credentials`).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		private readonly credentialType: (name: string) => ICredentialType,
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', {
						$credentials: credentials,
					})
				: value;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			options[target] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				options[target][key] = resolve(value);
			}
		}
		return requestOptions;
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		credentialReads.count += 1;
		const data = this.credentials[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(): INodeProperties[] {
		return [];
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
