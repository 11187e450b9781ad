import type { INodeProperties } from 'n8n-workflow';

import { numberOption, optionsCollection, sentAs } from '../../../shared/fields/options';
import { temperatureOption, topPOption } from '../../../shared/fields/samplingOptions';
import { jsonOutputOption } from '../chat/replies';

/** The agent's information an item can carry, each asked for by one of DigitalOcean's documented `include_*_info` flags. */
export const AGENT_INFO = {
	functions: { option: 'includeFunctionsInfo', flag: 'include_functions_info' },
	guardrails: { option: 'includeGuardrailsInfo', flag: 'include_guardrails_info' },
	retrieval: { option: 'includeRetrievalInfo', flag: 'include_retrieval_info' },
} as const;

/** Agent → Message an Agent's Options, sorted by name. */
export const agentOptions: INodeProperties = optionsCollection([
	{
		displayName: 'Include Functions Info',
		name: AGENT_INFO.functions.option,
		type: 'boolean',
		default: true,
		description: 'Whether to add the functions the agent called to answer (called_functions)',
		routing: sentAs(AGENT_INFO.functions.flag),
	},
	{
		displayName: 'Include Guardrails Info',
		name: AGENT_INFO.guardrails.option,
		type: 'boolean',
		default: true,
		description:
			"Whether to add the guardrails the conversation triggered, and why (triggered_guardrails). A triggered guardrail replaces the agent's answer with its default response.",
		routing: sentAs(AGENT_INFO.guardrails.flag),
	},
	{
		displayName: 'Include Retrieval Info',
		name: AGENT_INFO.retrieval.option,
		type: 'boolean',
		default: true,
		description:
			"Whether to add the knowledge-base passages the agent used (retrieved_data) and their files (sources), e.g. to cite them",
		routing: sentAs(AGENT_INFO.retrieval.flag),
	},
	numberOption(
		{
			displayName: 'Max Tokens',
			name: 'maxTokens',
			default: 1024,
			property: 'max_tokens',
			description: "The most tokens the answer may use; the agent's own setting applies when unset",
		},
		{ min: 1, integer: true },
	),
	jsonOutputOption,
	{ ...temperatureOption, description: `${temperatureOption.description} The agent's own setting applies when unset.` },
	{ ...topPOption, description: `${topPOption.description} The agent's own setting applies when unset.` },
]);
