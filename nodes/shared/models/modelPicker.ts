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

/** A Model field: a model from the key's list (by `searchListMethod`, with `listHint` beside it), or any model ID. */
function pickerFor(
	searchListMethod: string,
	{ description, listHint, example, hint }: { description: string; listHint: string; example: string; hint?: string },
): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		// The editor shows a mode's own hint in place of the field's: the list's order is told only beside the list.
		...(hint ? { hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				hint: listHint,
				placeholder: 'Select a model...',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
			},
		],
	};
}

/** The chat Model field: chat models first (searchChatModels), or any model ID. */
export const chatModelLocator = pickerFor('searchChatModels', {
	description: 'The model that answers',
	listHint: 'Chat models come first in the list (judged by their ID); embedding, image and fal models follow',
	example: 'llama3.3-70b-instruct',
});

/**
 * The embedding Model field: the same list, embedding models first (`/v1/models` does not say
 * which they are: searchEmbeddingModels goes by the ID), or any model ID.
 */
export const embeddingModelLocator = pickerFor('searchEmbeddingModels', {
	description: 'The embedding model that turns text into vectors',
	listHint: 'Embedding models come first in the list (judged by their ID); every model your key may use follows them',
	example: 'qwen3-embedding-0.6b',
});

/** The image Model field: image models first (searchImageModels), or any model ID. */
export const imageModelLocator = pickerFor('searchImageModels', {
	description: 'The image model that draws the images',
	listHint: 'Image models come first in the list (judged by their ID); fal models (fal-ai/…) run as a Job instead',
	hint: 'fal models (fal-ai/…) run as a Job instead',
	example: 'openai-gpt-image-1',
});

/** The fal Model field of a Job: fal models (searchFalModels), or any fal model ID. */
export const falModelLocator = pickerFor('searchFalModels', {
	description: 'The fal model that runs the job (its ID starts with fal-ai/)',
	listHint: "The list shows the key's fal models and those DigitalOcean documents; any fal model ID works",
	example: 'fal-ai/flux/schnell',
});

/** IDs of embedding models as DigitalOcean and the model makers name them (e.g. qwen3-embedding-0.6b, bge-m3, gte-large-en-v1.5). */
const EMBEDDING_MODEL_ID = /embed|(^|[-_/])(bge|gte|e5|minilm|mpnet|nomic)([-_.]|$)/i;

/** IDs of image models served by /v1/images/generations (openai-gpt-image-1, a DALL·E). */
const IMAGE_MODEL_ID = /image|dall-?e/i;

/** IDs of fal models, which run as a Job (fal-ai/flux/schnell). */
const FAL_MODEL_ID = /^fal-ai\//;

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

/** The key's models, those whose ID `comesFirst` at the top, each part sorted by ID. */
async function modelsFirst(
	context: ILoadOptionsFunctions,
	comesFirst: (id: string) => boolean,
	filter?: string,
): Promise<INodeListSearchResult> {
	const models = await modelsFor(context, filter);
	const first = ({ id }: Model) => comesFirst(id);
	return toResults([...models.filter(first), ...models.filter((model) => !first(model))]);
}

/** Whether the ID names a chat model: not an embedding, image or fal model. */
const isChatModelId = (id: string) => ![EMBEDDING_MODEL_ID, IMAGE_MODEL_ID, FAL_MODEL_ID].some((kind) => kind.test(id));

/** The chat Model picker's list: the models the key may use, those whose ID names no other kind of model first. */
export async function searchChatModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await modelsFirst(this, isChatModelId, filter);
}

/** The embedding Model picker's list: the same models, those whose ID names an embedding model first. */
export async function searchEmbeddingModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await modelsFirst(this, (id) => EMBEDDING_MODEL_ID.test(id), filter);
}

/** The image Model picker's list: the same models, those whose ID names an image model first. */
export async function searchImageModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await modelsFirst(this, (id) => IMAGE_MODEL_ID.test(id), filter);
}

/**
 * The fal Model picker's list: the key's models whose ID starts with fal-ai/ (DigitalOcean does
 * not document whether /v1/models lists them), then the documented ones it did not list.
 */
export async function searchFalModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const listed = (await modelsFor(this, filter)).map(({ id }) => id).filter((id) => FAL_MODEL_ID.test(id));
	const typed = (filter ?? '').trim().toLowerCase();
	const documented = DOCUMENTED_FAL_MODELS.filter((id) => !listed.includes(id) && id.includes(typed));
	return { results: [...listed, ...documented].map((id) => ({ name: id, value: id })) };
}
