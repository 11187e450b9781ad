import type {
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiV1UrlFrom } from '../baseUrl';
import { apiErrorFor } from '../transport/answers';
import { withoutSecret } from '../transport/secrets';
import { modelsMatching } from './modelList';

/** The Model field: a model from the key's list (searchModels) or any model ID. */
export const modelLocator: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The model that answers',
	hint: 'The list shows every model your model access key may use, embedding and image models included: pick a chat model',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a model...',
			typeOptions: {
				searchListMethod: 'searchModels',
				searchable: true,
			},
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. llama3.3-70b-instruct',
		},
	],
};

/** The Model picker's list: the models the credential's key may use, filtered by what the user types. */
export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { apiKey, baseUrl } = await this.getCredentials<{ apiKey: string; baseUrl: string }>('digitalOceanGradientApi');
	const apiUrl = apiV1UrlFrom(this.getNode(), baseUrl);
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		'digitalOceanGradientApi',
		{
			method: 'GET',
			url: `${apiUrl}/models`,
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
	)) as IN8nHttpFullResponse;
	const answer = { statusCode: response.statusCode, body: withoutSecret(response.body, apiKey) };
	const error = apiErrorFor(this.getNode(), answer);
	if (error) throw error;

	const models = modelsMatching(answer.body, filter);
	if (!models) {
		throw new NodeOperationError(this.getNode(), 'The API answered without a list of models', {
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
		});
	}
	return { results: models.map(({ id }) => ({ name: id, value: id })) };
}
