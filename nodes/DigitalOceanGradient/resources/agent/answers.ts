import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { AGENT_INFO } from './options';
import { isPlainObject } from '../../../shared/input';
import type { ErrorWording, Subject } from '../../../shared/transport/answers';
import { concerning } from '../../../shared/transport/request';
import { AGENT_ENDPOINT_ACCESS_KEY } from '../../../shared/transport/runCredentials';
import { type ChatCompletion, chatItemsOf } from '../chat/replies';

/** An agent's answer: a chat completion, with the blocks its `include_*_info` flags ask for (DigitalOcean's use-agents how-to). */
interface AgentAnswer extends ChatCompletion {
	retrieval?: { retrieved_data?: unknown };
	guardrails?: { triggered_guardrails?: unknown };
	functions?: { called_functions?: unknown };
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The files the passages came from, each once, in the order the agent ranked them. */
function sourcesOf(passages: unknown[]): string[] {
	const files = passages
		.map((passage) => (isPlainObject(passage) ? passage.filename : undefined))
		.filter((file): file is string => typeof file === 'string' && file !== '');
	return [...new Set(files)];
}

/** What the item carries of the agent's information: each block asked for, as a list (empty when the agent sent none). */
function askedInfo(context: IExecuteSingleFunctions, answer: AgentAnswer): IDataObject {
	const asked = (info: keyof typeof AGENT_INFO) => context.getNodeParameter(`options.${AGENT_INFO[info].option}`, false) === true;
	const info: IDataObject = {};
	if (asked('retrieval')) {
		const passages = listOf(answer.retrieval?.retrieved_data);
		info.retrieved_data = passages as IDataObject[];
		info.sources = sourcesOf(passages);
	}
	if (asked('guardrails')) info.triggered_guardrails = listOf(answer.guardrails?.triggered_guardrails) as IDataObject[];
	if (asked('functions')) info.called_functions = listOf(answer.functions?.called_functions) as IDataObject[];
	return info;
}

/**
 * postReceive for Message an Agent: the answer's items as Chat's (chatItemsOf), each simplified
 * one with the agent's information that was asked for, so that the next node can cite its
 * sources or branch on a triggered guardrail. Raw: the answer as the agent sent it.
 */
export async function toAgentItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const answer = response.body as AgentAnswer;
	const items = chatItemsOf(this, answer);
	if (!this.getNodeParameter('simplify', true)) return items;
	const info = askedInfo(this, answer);
	return items.map((item) => ({ ...item, json: { ...item.json, ...info } }));
}

const CHECK_KEY =
	"Check the Endpoint Access Key in the DigitalOcean Gradient Agent credential: create one on the agent's Settings tab (Endpoint Access Keys → Create Key). A model access key does not work for an agent.";

/** How a failed request to an agent is worded: about the agent and its credential, not a model and the inference API. */
function agentFailure(statusCode: number): ErrorWording | undefined {
	if (statusCode === 401) return { message: 'The agent rejected the endpoint access key', hint: CHECK_KEY };
	if (statusCode === 403) return { message: 'The endpoint access key is not allowed to use this agent', hint: CHECK_KEY };
	if (statusCode === 404) return { message: 'No agent answers at the Agent Endpoint', hint: AGENT_ENDPOINT_ACCESS_KEY.addressHint };
	if (statusCode === 400 || statusCode === 422) {
		return { message: 'The agent rejected the request as invalid', hint: 'Check the messages and the options you set.' };
	}
	if (statusCode >= 500) return { message: `The agent failed (HTTP ${statusCode})`, hint: 'This is usually temporary: try again in a moment.' };
	return undefined;
}

const AGENT: Subject = {
	name: 'The agent',
	notFoundHint: AGENT_ENDPOINT_ACCESS_KEY.addressHint,
	failureOf: agentFailure,
	wrongAddressHint: `${AGENT_ENDPOINT_ACCESS_KEY.addressHint}, not the control panel's address`,
};

/** preSend: errors about this request name the agent and its credential. */
export async function aboutTheAgent(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return concerning(requestOptions, AGENT);
}
