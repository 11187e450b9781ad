import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../../credentials/DigitalOceanGradientApi.credentials';
import { chatCompletionDescription } from './actions/chatCompletion/description';
import { sendMessages } from './actions/chatCompletion/messages';
import { toChatItems } from './actions/chatCompletion/output';
import { listModelsDescription } from './actions/listModels/description';
import { toModelItems } from './actions/listModels/output';
import { searchModels } from '../shared/models/modelPicker';
import { throwOnApiError } from '../shared/transport/answers';
import { sendRequest, withItemErrors } from '../shared/transport/request';
import { requestOptionsProperty } from '../shared/transport/requestOptions';

export class DigitalOceanGradient implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DigitalOcean Gradient',
		name: 'digitalOceanGradient',
		icon: {
			light: 'file:../../icons/digitalOceanGradient.svg',
			dark: 'file:../../icons/digitalOceanGradient.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			// $parameter gives a resource locator's value, not the locator object.
			'={{ $parameter["operation"] === "listModels" ? "List Models" : "Chat Completion" + ($parameter["model"] ? ": " + $parameter["model"] : "") }}',
		description: 'Chat with the models of DigitalOcean Gradient serverless inference',
		defaults: { name: 'DigitalOcean Gradient' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digitalOceanGradientApi', required: true }],
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json' },
			json: true,
			// Every answer reaches throwOnApiError, which words errors with the API's own message.
			ignoreHttpStatusErrors: true,
		},
		// Not pagination: the one hook n8n lets wrap a whole request (see shared/request.ts).
		requestOperations: { pagination: sendRequest },
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'chatCompletion',
				options: [
					{
						name: 'Chat Completion',
						value: 'chatCompletion',
						action: 'Message a model',
						description: 'Send a prompt or a conversation to a model and get its reply',
						routing: {
							request: { method: 'POST', url: '/v1/chat/completions' },
							send: { paginate: true, preSend: [withItemErrors(sendMessages)] },
							output: { postReceive: [throwOnApiError, toChatItems] },
						},
					},
					{
						name: 'List Models',
						value: 'listModels',
						action: 'List models',
						description: 'List the models your model access key may use',
						routing: {
							request: { method: 'GET', url: '/v1/models' },
							send: { paginate: true },
							output: { postReceive: [throwOnApiError, toModelItems] },
						},
					},
				],
			},
			...chatCompletionDescription,
			...listModelsDescription,
			requestOptionsProperty,
		],
	};

	methods = {
		listSearch: { searchModels },
	};
}
