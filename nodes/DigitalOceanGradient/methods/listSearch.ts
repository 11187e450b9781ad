import type { IN8nHttpFullResponse, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiErrorFor } from '../shared/errors';
import { apiV1UrlFrom } from '../shared/input';
import { modelsMatching } from '../shared/models';

/** The Model picker: the models the credential's key may use, filtered by what the user types. */
export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('digitalOceanGradientApi');
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
	const error = apiErrorFor(this.getNode(), response);
	if (error) throw error;

	const models = modelsMatching(response.body, filter);
	if (!models) {
		throw new NodeOperationError(this.getNode(), 'The API answered without a list of models', {
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
		});
	}
	return { results: models.map(({ id }) => ({ name: id, value: id })) };
}
