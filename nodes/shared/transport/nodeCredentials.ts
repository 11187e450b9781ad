import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { AGENT_ENDPOINT_ACCESS_KEY, MODEL_ACCESS_KEY } from './runCredentials';

const AGENT_RESOURCE = 'agent';

/**
 * The node's two credentials: the model access key for every resource but Agent, an agent's
 * endpoint access key for Agent. Each is shown by the hidden `authentication` parameter, which
 * n8n's RoutingNode reads to pick a credential when a node has several (prepareCredentials).
 */
export const CREDENTIALS: INodeCredentialDescription[] = [MODEL_ACCESS_KEY, AGENT_ENDPOINT_ACCESS_KEY].map(({ type, authentication }) => ({
	name: type,
	required: true,
	displayOptions: { show: { authentication: [authentication] } },
}));

/**
 * n8n's editor takes a credential-related field named `authentication` as the node's "main
 * authentication field" unless one of its options is `none` (getMainAuthField in the editor's
 * nodeTypesUtils), and then offers every credential in one list, the model access key's on an
 * Agent node and the agent's on a Chat node. Here the Resource picks the credential, so the
 * hidden field lists `none` among its options (never its value), and each node shows the one
 * credential its resource takes. Not documented: pinned by the browser test (agent.e2e).
 */
const NOT_THE_MAIN_AUTHENTICATION_FIELD = [{ name: 'None', value: 'none' }];

/**
 * The `authentication` parameter, set by the resource: hidden, as the resource already says
 * which key it takes. Two definitions of one parameter, each shown for its resources, as n8n
 * does for an Operation per Resource.
 */
export const authenticationProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'hidden',
		default: 'modelAccessKey',
		options: NOT_THE_MAIN_AUTHENTICATION_FIELD,
		displayOptions: { hide: { resource: [AGENT_RESOURCE] } },
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'hidden',
		default: 'agentEndpointAccessKey',
		options: NOT_THE_MAIN_AUTHENTICATION_FIELD,
		displayOptions: { show: { resource: [AGENT_RESOURCE] } },
	},
];
