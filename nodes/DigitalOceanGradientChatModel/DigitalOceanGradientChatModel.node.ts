import type {
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { countAttemptsPerRequest, ModelRetries } from './failedAttempt';
import { chatModelOptions, chatModelOptionsOf, modelSettings } from './options';
import { readAnswers } from './readAnswers';
import { loadAiNodeSdk } from './sdk';
import { chatModelLocator, searchChatModels } from '../shared/models/modelPicker';
import { subNodeTarget } from '../shared/subNodeTarget';

export class DigitalOceanGradientChatModel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DigitalOcean Gradient Chat Model',
		name: 'digitalOceanGradientChatModel',
		icon: {
			light: 'file:../../icons/digitalOceanGradient.svg',
			dark: 'file:../../icons/digitalOceanGradient.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] }}',
		description: 'A DigitalOcean Gradient model for AI Agents and chains',
		defaults: { name: 'DigitalOcean Gradient Chat Model' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		outputNames: ['Model'],
		credentials: [{ name: 'digitalOceanGradientApi', required: true }],
		properties: [
			{
				// The wording and class n8n's own chat models use for this hint.
				displayName:
					"This node must be connected to an AI chain. <a data-action='openSelectiveNodeCreator' data-action-parameter-creatorview='AI'>Insert one</a>",
				name: 'notice',
				type: 'notice',
				default: '',
				typeOptions: { containerClass: 'ndv-connection-hint-notice' },
			},
			chatModelLocator,
			chatModelOptions,
		],
	};

	methods = { listSearch: { searchChatModels } };

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const { apiKey, apiUrl, model } = await subNodeTarget(this, itemIndex, 'Pick a model from the list, or enter a model ID.');
		const settings = modelSettings(chatModelOptionsOf(this, itemIndex));

		const { supplyModel } = await loadAiNodeSdk(this);
		const retries = new ModelRetries(this.getNode(), model, settings.maxRetries, apiKey);
		const supplied = supplyModel(this, {
			type: 'openai',
			baseUrl: apiUrl,
			apiKey,
			model,
			// Chat Completions: DigitalOcean documents /v1/responses too, but only with plain-text
			// content, and OpenAI's Responses client may send more than that.
			useResponsesApi: false,
			...settings,
			onFailedAttempt: retries.onFailedAttempt,
		});
		if (!readAnswers(supplied.response, apiKey)) {
			this.logger.warn(
				"DigitalOcean Gradient Chat Model: this n8n's LangChain has no overridable answer converters, so an empty role is not read as the assistant's and a key quoted in an answer is not hidden",
			);
		}
		countAttemptsPerRequest(supplied.response, retries);
		return supplied;
	}
}
