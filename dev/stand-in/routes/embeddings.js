// POST /v1/embeddings as DigitalOcean's OpenAPI description documents it
// (inference_create_embeddings.yml, models/embeddings_*.yml): a closed request object (an
// unknown field such as `dimensions` is refused), `input` one string or 1–2048 strings,
// `encoding_format` float (the default) or base64 (little-endian float32). Vectors are
// deterministic and a little like a real model's: each word of three letters or more adds to
// one dimension, so texts that share words are near each other and retrieval is predictable.
const { createHash } = require('node:crypto');

const { EMBEDDING_MODELS } = require('../models');
const { acceptedBody } = require('./accepted');

const FIELDS = new Set(['model', 'input', 'encoding_format', 'user']);
const MAX_INPUTS = 2048;
/** The stand-in model's vector length; a real model's is fixed by the model. */
const DIMENSIONS = 64;

/** Why the API would reject this request body, or undefined when it is valid. */
function invalidEmbeddingsRequest(request) {
	if (typeof request !== 'object' || request === null || Array.isArray(request)) return 'The request body must be a JSON object.';
	const unknown = Object.keys(request).find((field) => !FIELDS.has(field));
	if (unknown) return `Unknown field "${unknown}": the request accepts only ${[...FIELDS].join(', ')}.`;
	if (typeof request.model !== 'string' || request.model === '') return 'The "model" field is required.';
	const { input } = request;
	const inputs = typeof input === 'string' ? [input] : input;
	if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_INPUTS || inputs.some((text) => typeof text !== 'string')) {
		return `The "input" field must be a string or an array of 1 to ${MAX_INPUTS} strings.`;
	}
	if (request.encoding_format !== undefined && !['float', 'base64'].includes(request.encoding_format)) {
		return 'The "encoding_format" field must be "float" or "base64".';
	}
	return undefined;
}

const dimensionOf = (word) => createHash('sha256').update(word).digest().readUInt32LE(0) % DIMENSIONS;

/**
 * A unit-length vector from the text's words (lower case, three letters or more), a bag of
 * words hashed into DIMENSIONS; a text without such words gets one from its whole text.
 */
function vectorOf(text) {
	const words = text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [text];
	const raw = new Array(DIMENSIONS).fill(0);
	for (const word of words) raw[dimensionOf(word)] += 1;
	const length = Math.hypot(...raw) || 1;
	return raw.map((value) => Math.fround(value / length));
}

const base64Of = (vector) => Buffer.from(new Float32Array(vector).buffer).toString('base64');

const tokens = (text) => Math.max(1, Math.ceil(text.length / 4));

module.exports = [
	{
		method: 'POST',
		path: '/v1/embeddings',
		async handle(context) {
			const body = acceptedBody(context, invalidEmbeddingsRequest, {
				models: EMBEDDING_MODELS,
				refusal: (model) => `The model "${model}" does not support embeddings.`,
			});
			if (body === undefined || (await context.work()) === undefined) return undefined;

			const inputs = typeof body.input === 'string' ? [body.input] : body.input;
			context.stats.embeddedInputs += inputs.length;
			const format = body.encoding_format ?? '(not sent)';
			context.stats.embeddingFormats[format] = (context.stats.embeddingFormats[format] ?? 0) + 1;
			const promptTokens = inputs.reduce((sum, text) => sum + tokens(text), 0);
			return context.send(200, {
				object: 'list',
				model: body.model,
				data: inputs.map((text, index) => ({
					object: 'embedding',
					index,
					embedding: body.encoding_format === 'base64' && !context.config.embeddingsAlwaysFloat ? base64Of(vectorOf(text)) : vectorOf(text),
				})),
				usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
			});
		},
	},
];
