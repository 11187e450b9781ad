import type { INodeProperties, ISupplyDataFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MODEL_AFFINITY_HEADER, modelAffinityOption, modelAffinityProblem } from '../shared/fields/modelAffinity';
import { withoutRouting } from '../shared/fields/options';
import {
	maxCompletionTokensOption,
	reasoningEffortOption,
	temperatureOption,
	topPOption,
} from '../shared/fields/samplingOptions';
import { maxRetriesOption, timeoutOption } from '../shared/fields/subNodeOptions';
import { DEFAULT_MAX_RETRIES } from '../shared/transport/retryPolicy';

// The Chat Model's requests are built by n8n's AI SDK, not by routing.
export const chatModelOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'Only the options you add are sent: models reject options they do not support',
	options: [
		withoutRouting(maxCompletionTokensOption),
		maxRetriesOption(
			'How many times, in all, requests that hit the rate limit (429) or a server error are sent again while the agent or chain uses this model for one item, with growing pauses; other errors are not retried',
		),
		withoutRouting(modelAffinityOption),
		withoutRouting(reasoningEffortOption),
		withoutRouting(temperatureOption),
		timeoutOption,
		withoutRouting(topPOption),
	],
};

export interface ChatModelOptions {
	maxCompletionTokens?: number;
	maxRetries?: number;
	modelAffinity?: string;
	reasoningEffort?: string;
	temperature?: number;
	timeout?: number;
	topP?: number;
}

/** The options the user added for this item, Model Affinity as the trimmed text of what an expression gave, checked. */
export function chatModelOptionsOf(context: ISupplyDataFunctions, itemIndex: number): ChatModelOptions {
	const { modelAffinity: given, ...options } = context.getNodeParameter('options', itemIndex, {}) as Omit<ChatModelOptions, 'modelAffinity'> & {
		modelAffinity?: unknown;
	};
	if (given === undefined || given === null) return options;
	const modelAffinity = typeof given === 'object' ? undefined : String(given).trim();
	const problem = modelAffinity === undefined ? 'is not text' : modelAffinityProblem(modelAffinity);
	if (problem) throw new NodeOperationError(context.getNode(), `Model Affinity: ${problem}`);
	return { ...options, modelAffinity };
}

/**
 * The SDK settings for the options the user added, and nothing else. Max completion tokens and
 * reasoning effort go straight into the body: the SDK would send them only for model IDs that
 * look like OpenAI's reasoning models, which DigitalOcean's IDs do not. Model Affinity is a
 * header on every request.
 */
export function modelSettings({ maxCompletionTokens, maxRetries, modelAffinity, reasoningEffort, temperature, timeout, topP }: ChatModelOptions) {
	const additionalParams = {
		...(maxCompletionTokens !== undefined ? { max_completion_tokens: maxCompletionTokens } : {}),
		...(reasoningEffort !== undefined ? { reasoning_effort: reasoningEffort } : {}),
	};
	return {
		...(temperature !== undefined ? { temperature } : {}),
		...(topP !== undefined ? { topP } : {}),
		...(timeout !== undefined ? { timeout } : {}),
		maxRetries: maxRetries ?? DEFAULT_MAX_RETRIES,
		...(modelAffinity ? { defaultHeaders: { [MODEL_AFFINITY_HEADER]: modelAffinity } } : {}),
		...(Object.keys(additionalParams).length > 0 ? { additionalParams } : {}),
	};
}
