import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWithBearerKey } from '../nodes/shared/bearerKey';

export const DEFAULT_BASE_URL = 'https://inference.do-ai.run';

/**
 * The credential's Base URL as requests use it, as an n8n expression: without surrounding
 * spaces, trailing slashes or a pasted `/v1` (the paths add it). nodes/shared/baseUrl.ts does
 * the same in code; a test holds the two together.
 */
export const BASE_URL_EXPRESSION = '={{ String($credentials.baseUrl || "").trim().replace(/(\\/v1)?\\/*$/i, "") }}';

/**
 * What the credential's Test fails on, with what it says. n8n reads `responseCode` rules when the
 * request fails and `responseSuccessBody` rules when it succeeds: a rule of the second kind fails
 * the test where lodash's get(answer, key) === value, the answer being the body as n8n read it
 * (its first entry where it is a list). A web page or other text stays a string, whose
 * constructor.name is "String"; JSON without "data" holds no model list. n8n's type allows one
 * kind of rule per list, while its tester (CredentialsTester, n8n 1.x and 2.x alike) reads both
 * from one: the end-to-end test pins that on every n8n release we support.
 */
const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'The model access key was rejected. Copy it again from the DigitalOcean control panel (Inference → Manage, the Model Access Keys page); a key restricted to a VPC network works only from inside that VPC.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'constructor.name',
			value: 'String',
			message: `The Base URL answered GET /v1/models with a web page or other text, not the inference API's model list: it points at another server. Use ${DEFAULT_BASE_URL}, or the address of a compatible proxy.`,
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'data',
			value: undefined,
			message: `The Base URL answered GET /v1/models with JSON that holds no model list ("data"), so it is not DigitalOcean's inference API. Use ${DEFAULT_BASE_URL}, or the address of a proxy that answers as it does.`,
		},
	},
];

export class DigitalOceanGradientApi implements ICredentialType {
	name = 'digitalOceanGradientApi';

	displayName = 'DigitalOcean Gradient API';

	icon: Icon = {
		light: 'file:../icons/digitalOceanGradient.svg',
		dark: 'file:../icons/digitalOceanGradient.dark.svg',
	};

	documentationUrl = 'https://docs.digitalocean.com/products/inference/how-to/model-access-keys/';

	properties: INodeProperties[] = [
		{
			displayName: 'Model Access Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A model access key from the DigitalOcean control panel: Inference in the left menu, then Manage → Create model access key. Batch needs a key with batch inference enabled; a key restricted to a VPC network works only from inside that VPC.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			placeholder: `e.g. ${DEFAULT_BASE_URL}`,
			description:
				"Where the inference API lives. Change it only to go through a proxy or a compatible server; requests go to this URL's /v1/… paths.",
		},
	];

	authenticate = authenticateWithBearerKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/models',
		},
		rules: TEST_RULES as ICredentialTestRequest['rules'],
	};
}
