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
import { type Model, modelsMatching } from './modelList';

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

/**
 * The embedding Model field: the same list, embedding models first (`/v1/models` does not say
 * which they are: searchEmbeddingModels goes by the ID), or any model ID.
 */
export const embeddingModelLocator: INodeProperties = {
	...modelLocator,
	description: 'The embedding model that turns text into vectors',
	hint: 'Embedding models come first in the list (judged by their ID); every model your key may use follows them',
	modes: modelLocator.modes!.map((mode) =>
		mode.name === 'list'
			? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: 'searchEmbeddingModels' } }
			: { ...mode, placeholder: 'e.g. qwen3-embedding-0.6b' },
	),
};

/** IDs of embedding models as DigitalOcean and the model makers name them (e.g. qwen3-embedding-0.6b, bge-m3, gte-large-en-v1.5). */
const EMBEDDING_MODEL_ID = /embed|(^|[-_/])(bge|gte|e5|minilm|mpnet|nomic)([-_.]|$)/i;

/** The models the credential's key may use whose ID contains `filter`, sorted by ID. */
async function modelsFor(context: ILoadOptionsFunctions, filter?: string) {
	const { apiKey, baseUrl } = await context.getCredentials<{ apiKey: string; baseUrl: string }>('digitalOceanGradientApi');
	const apiUrl = apiV1UrlFrom(context.getNode(), baseUrl);
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
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
	const error = apiErrorFor(context.getNode(), answer);
	if (error) throw error;

	const models = modelsMatching(answer.body, filter);
	if (!models) {
		throw new NodeOperationError(context.getNode(), 'The API answered without a list of models', {
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
		});
	}
	return models;
}

const toResults = (models: Model[]): INodeListSearchResult => ({
	results: models.map(({ id }) => ({ name: id, value: id })),
});

/** The Model picker's list: the models the credential's key may use, filtered by what the user types. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return toResults(await modelsFor(this, filter));
}

/** The embedding Model picker's list: the same models, those whose ID names an embedding model first. */
export async function searchEmbeddingModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const models = await modelsFor(this, filter);
	const embeds = ({ id }: Model) => EMBEDDING_MODEL_ID.test(id);
	return toResults([...models.filter(embeds), ...models.filter((model) => !embeds(model))]);
}
