import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { modelsMatching } from '../shared/models';

/** The Model picker: the models the credential's key may use, filtered by what the user types. */
export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('digitalOceanGradientApi');
	const body: unknown = await this.helpers.httpRequestWithAuthentication.call(
		this,
		'digitalOceanGradientApi',
		{ method: 'GET', url: `${baseUrl.replace(/\/+$/, '')}/v1/models`, json: true },
	);
	const models = modelsMatching(body, filter);
	if (!models) {
		throw new NodeOperationError(this.getNode(), 'The API answered without a list of models', {
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
		});
	}
	return { results: models.map(({ id }) => ({ name: id, value: id })) };
}
