"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DOCUMENTED_FAL_MODELS = exports.falModelLocator = exports.imageModelLocator = exports.embeddingModelLocator = exports.chatModelLocator = void 0;
exports.searchChatModels = searchChatModels;
exports.searchEmbeddingModels = searchEmbeddingModels;
exports.searchImageModels = searchImageModels;
exports.searchFalModels = searchFalModels;
const baseUrl_1 = require("../baseUrl");
const answers_1 = require("../transport/answers");
const secrets_1 = require("../transport/secrets");
const modelList_1 = require("./modelList");
function pickerFor(searchListMethod, { description, listHint, example, hint }) {
    return {
        displayName: 'Model',
        name: 'model',
        type: 'resourceLocator',
        default: { mode: 'list', value: '' },
        required: true,
        description,
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
exports.chatModelLocator = pickerFor('searchChatModels', {
    description: 'The model that answers',
    listHint: 'Chat models come first in the list (judged by their ID); embedding, image and fal models follow',
    example: 'llama3.3-70b-instruct',
});
exports.embeddingModelLocator = pickerFor('searchEmbeddingModels', {
    description: 'The embedding model that turns text into vectors',
    listHint: 'Embedding models come first in the list (judged by their ID); every model your key may use follows them',
    example: 'qwen3-embedding-0.6b',
});
exports.imageModelLocator = pickerFor('searchImageModels', {
    description: 'The image model that draws the images',
    listHint: 'Image models come first in the list (judged by their ID); fal models (fal-ai/…) run as a Job instead',
    hint: 'fal models (fal-ai/…) run as a Job instead',
    example: 'openai-gpt-image-1',
});
exports.falModelLocator = pickerFor('searchFalModels', {
    description: 'The fal model that runs the job (its ID starts with fal-ai/)',
    listHint: "The list shows the key's fal models and those DigitalOcean documents; any fal model ID works",
    example: 'fal-ai/flux/schnell',
});
const EMBEDDING_MODEL_ID = /embed|(^|[-_/])(bge|gte|e5|minilm|mpnet|nomic)([-_.]|$)/i;
const IMAGE_MODEL_ID = /image|dall-?e/i;
const FAL_MODEL_ID = /^fal-ai\//;
exports.DOCUMENTED_FAL_MODELS = [
    'fal-ai/fast-sdxl',
    'fal-ai/flux/schnell',
    'fal-ai/stable-audio-25/text-to-audio',
    'fal-ai/elevenlabs/tts/multilingual-v2',
];
async function modelsFor(context, filter) {
    const { apiKey, baseUrl } = await context.getCredentials('digitalOceanGradientApi');
    const apiUrl = (0, baseUrl_1.apiV1UrlFrom)(context.getNode(), baseUrl);
    const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'digitalOceanGradientApi', {
        method: 'GET',
        url: `${apiUrl}/models`,
        json: true,
        ignoreHttpStatusErrors: true,
        returnFullResponse: true,
    }));
    const answer = { statusCode: response.statusCode, body: (0, secrets_1.withoutSecret)(response.body, apiKey) };
    const error = (0, answers_1.apiErrorFor)(context.getNode(), answer, { listAllowed: true });
    if (error)
        throw error;
    return (0, modelList_1.modelsIn)(context.getNode(), answer.body, { filter });
}
const toResults = (models) => ({
    results: models.map(({ id }) => ({ name: id, value: id })),
});
async function modelsFirst(context, comesFirst, filter) {
    const models = await modelsFor(context, filter);
    const first = ({ id }) => comesFirst(id);
    return toResults([...models.filter(first), ...models.filter((model) => !first(model))]);
}
const isChatModelId = (id) => ![EMBEDDING_MODEL_ID, IMAGE_MODEL_ID, FAL_MODEL_ID].some((kind) => kind.test(id));
async function searchChatModels(filter) {
    return await modelsFirst(this, isChatModelId, filter);
}
async function searchEmbeddingModels(filter) {
    return await modelsFirst(this, (id) => EMBEDDING_MODEL_ID.test(id), filter);
}
async function searchImageModels(filter) {
    return await modelsFirst(this, (id) => IMAGE_MODEL_ID.test(id), filter);
}
async function searchFalModels(filter) {
    const listed = (await modelsFor(this, filter)).map(({ id }) => id).filter((id) => FAL_MODEL_ID.test(id));
    const typed = (filter ?? '').trim().toLowerCase();
    const documented = exports.DOCUMENTED_FAL_MODELS.filter((id) => !listed.includes(id) && id.includes(typed));
    return { results: [...listed, ...documented].map((id) => ({ name: id, value: id })) };
}
//# sourceMappingURL=modelPicker.js.map