import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { customOperationsOf, resourceSelector, subtitleOf } from './resources/define';
import { RESOURCES } from './resources';
import { searchChatModels, searchEmbeddingModels, searchFalModels, searchImageModels } from '../shared/models/modelPicker';
import { sendRequest } from '../shared/transport/request';
import { authenticationProperties, CREDENTIALS } from '../shared/transport/nodeCredentials';
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
		subtitle: subtitleOf(RESOURCES),
		description: 'Chat with the models and agents of DigitalOcean Gradient, one request at a time or thousands as a batch, embed texts, and generate images, audio and speech',
		defaults: { name: 'DigitalOcean Gradient' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: CREDENTIALS,
		// No baseURL: the request path sets the credential's when each request is sent.
		requestDefaults: {
			headers: { Accept: 'application/json' },
			json: true,
			// Every answer reaches rejectUnsuccessfulAnswer; errors are worded by the request path.
			ignoreHttpStatusErrors: true,
		},
		// Not pagination: the one hook n8n lets wrap a whole request (see shared/transport/request.ts).
		requestOperations: { pagination: sendRequest },
		properties: [
			...authenticationProperties,
			resourceSelector(RESOURCES),
			...RESOURCES.flatMap(({ properties }) => properties),
			requestOptionsProperty,
		],
	};

	// Every operation runs without RoutingNode's pass over every property of the description (define.ts).
	customOperations = customOperationsOf(() => this.description, RESOURCES);

	methods = {
		listSearch: { searchChatModels, searchEmbeddingModels, searchFalModels, searchImageModels },
	};
}
