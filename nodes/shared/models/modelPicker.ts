import type {
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { apiV1UrlFrom } from '../baseUrl';
import { apiErrorFor } from '../transport/answers';
import { withoutSecret } from '../transport/secrets';
import { type Model, modelsIn } from './modelList';

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

/** A Model field whose list shows some models first (by `searchListMethod`), with its own words. */
function pickerFor(searchListMethod: string, description: string, hint: string, example: string): INodeProperties {
	return {
		...modelLocator,
		description,
		hint,
		modes: modelLocator.modes!.map((mode) =>
			mode.name === 'list'
				? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod } }
				: { ...mode, placeholder: `e.g. ${example}` },
		),
	};
}

/**
 * The embedding Model field: the same list, embedding models first (`/v1/models` does not say
 * which they are: searchEmbeddingModels goes by the ID), or any model ID.
 */
export const embeddingModelLocator = pickerFor(
	'searchEmbeddingModels',
	'The embedding model that turns text into vectors',
	'Embedding models come first in the list (judged by their ID); every model your key may use follows them',
	'qwen3-embedding-0.6b',
);

/** The image Model field: image models first (searchImageModels), or any model ID. */
export const imageModelLocator = pickerFor(
	'searchImageModels',
	'The image model that draws the images',
	'Image models come first in the list (judged by their ID); fal models (fal-ai/…) run as a Job instead',
	'openai-gpt-image-1',
);

/** The fal Model field of a Job: fal models (searchFalModels), or any fal model ID. */
export const falModelLocator = pickerFor(
	'searchFalModels',
	'The fal model that runs the job (its ID starts with fal-ai/)',
	"The list shows the key's fal models and those DigitalOcean documents; any fal model ID works",
	'fal-ai/flux/schnell',
);

/** IDs of embedding models as DigitalOcean and the model makers name them (e.g. qwen3-embedding-0.6b, bge-m3, gte-large-en-v1.5). */
const EMBEDDING_MODEL_ID = /embed|(^|[-_/])(bge|gte|e5|minilm|mpnet|nomic)([-_.]|$)/i;

/** IDs of image models served by /v1/images/generations (openai-gpt-image-1, a DALL·E). */
const IMAGE_MODEL_ID = /image|dall-?e/i;

/** The fal models DigitalOcean's docs name, one per kind; offered even where the key's list does not show them. */
export const DOCUMENTED_FAL_MODELS = [
	'fal-ai/fast-sdxl',
	'fal-ai/flux/schnell',
	'fal-ai/stable-audio-25/text-to-audio',
	'fal-ai/elevenlabs/tts/multilingual-v2',
];

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
	const error = apiErrorFor(context.getNode(), answer, { listAllowed: true });
	if (error) throw error;
	return modelsIn(context.getNode(), answer.body, { filter });
}

const toResults = (models: Model[]): INodeListSearchResult => ({
	results: models.map(({ id }) => ({ name: id, value: id })),
});

/** The Model picker's list: the models the credential's key may use, filtered by what the user types. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return toResults(await modelsFor(this, filter));
}

/** The key's models, those whose ID matches `first` at the top. */
async function modelsFirst(context: ILoadOptionsFunctions, first: RegExp, filter?: string): Promise<INodeListSearchResult> {
	const models = await modelsFor(context, filter);
	const matches = ({ id }: Model) => first.test(id);
	return toResults([...models.filter(matches), ...models.filter((model) => !matches(model))]);
}

/** The embedding Model picker's list: the same models, those whose ID names an embedding model first. */
export async function searchEmbeddingModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await modelsFirst(this, EMBEDDING_MODEL_ID, filter);
}

/** The image Model picker's list: the same models, those whose ID names an image model first. */
export async function searchImageModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await modelsFirst(this, IMAGE_MODEL_ID, filter);
}

/**
 * The fal Model picker's list: the key's models whose ID starts with fal-ai/ (DigitalOcean does
 * not document whether /v1/models lists them), then the documented ones it did not list.
 */
export async function searchFalModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const listed = (await modelsFor(this, filter)).map(({ id }) => id).filter((id) => id.startsWith('fal-ai/'));
	const typed = (filter ?? '').trim().toLowerCase();
	const documented = DOCUMENTED_FAL_MODELS.filter((id) => !listed.includes(id) && id.includes(typed));
	return { results: [...listed, ...documented].map((id) => ({ name: id, value: id })) };
}
