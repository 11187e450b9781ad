import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { AGENT_CHAT_PATH } from '../nodes/shared/agentEndpoint';
import { authenticateWithBearerKey } from '../nodes/shared/bearerKey';

/**
 * The Agent Endpoint as requests use it, as an n8n expression (nodes/shared/agentEndpoint.ts
 * does the same in code; a test holds the two together).
 */
export const AGENT_ENDPOINT_EXPRESSION =
	'={{ (/^[a-z][a-z0-9+.-]*:\\/\\//i.test(String($credentials.endpoint || "").trim()) || !/^[^\\s/]+[.:]\\S*$/.test(String($credentials.endpoint || "").trim()) ? "" : "https://") + String($credentials.endpoint || "").trim().replace(/[?#].*$/, "").replace(/(\\/api)?(\\/v1)?(\\/chat\\/completions)?\\/*$/i, "") }}';

const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				"The agent rejected the endpoint access key. Create one on the agent's Settings tab (Endpoint Access Keys → Create Key); a model access key does not work for an agent.",
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				"Nothing answers at this Agent Endpoint. Copy the URL under ENDPOINT on the agent's Overview page (e.g. https://abcdefghijklmnopqrstuvwx.agents.do-ai.run).",
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'constructor.name',
			value: 'String',
			message:
				"The Agent Endpoint answered with a web page or other text, not an agent's answer: copy the URL under ENDPOINT on the agent's Overview page, not the control panel's address.",
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'choices',
			value: undefined,
			message: "The Agent Endpoint answered with JSON that holds no answer (\"choices\"), so it is not a DigitalOcean agent's endpoint.",
		},
	},
];

export class DigitalOceanGradientAgentApi implements ICredentialType {
	name = 'digitalOceanGradientAgentApi';

	displayName = 'DigitalOcean Gradient Agent API';

	icon: Icon = {
		light: 'file:../icons/digitalOceanGradient.svg',
		dark: 'file:../icons/digitalOceanGradient.dark.svg',
	};

	documentationUrl = 'https://docs.digitalocean.com/products/ai-platform/how-to/use-agents/';

	properties: INodeProperties[] = [
		{
			displayName: 'Agent Endpoint',
			name: 'endpoint',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://abcdefghijklmnopqrstuvwx.agents.do-ai.run',
			description:
				"The agent's URL, under ENDPOINT on its Overview page in the DigitalOcean control panel (Agent Platform → your workspace → your agent). Pasted with /api/v1/chat/completions it works too.",
		},
		{
			displayName: 'Endpoint Access Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"An endpoint access key of this agent: its Settings tab → Endpoint Access Keys → Create Key. Every request to an agent's endpoint needs one, public agents' too; a model access key does not work here. The Test sends the agent one short message (\"Hello\"), as DigitalOcean offers no other way to check a key.",
		},
	];

	authenticate = authenticateWithBearerKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: AGENT_ENDPOINT_EXPRESSION,
			url: AGENT_CHAT_PATH,
			method: 'POST',
			json: true,
			body: { messages: [{ role: 'user', content: 'Hello' }] },
		},
		rules: TEST_RULES as ICredentialTestRequest['rules'],
	};
}
