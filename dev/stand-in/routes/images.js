// POST /v1/images/generations as DigitalOcean's OpenAPI description documents it
// (inference_create_image.yml, models/create_image_request.yml, images_response.yml): `prompt`,
// `model` and `n` (1–10) required, `size` auto, 1536x1024 or 1024x1536, the image only as
// base64 (`b64_json`), no `response_format`. Streaming is not served by the stand-in.
const { IMAGE_MODELS } = require('../models');
const { IMAGES } = require('../media');
const { acceptedBody } = require('./accepted');

const SIZES = ['auto', '1536x1024', '1024x1536'];

/** Why the API would reject this request body, or undefined when it is valid. */
function invalidImageRequest(request) {
	if (typeof request !== 'object' || request === null || Array.isArray(request)) return 'The request body must be a JSON object.';
	if (typeof request.model !== 'string' || request.model === '') return 'The "model" field is required.';
	if (typeof request.prompt !== 'string' || request.prompt === '') return 'The "prompt" field is required.';
	if (!Number.isInteger(request.n) || request.n < 1 || request.n > 10) return 'The "n" field is required: an integer from 1 to 10.';
	if (request.size !== undefined && request.size !== null && !SIZES.includes(request.size)) {
		return `The "size" field must be one of ${SIZES.join(', ')}.`;
	}
	if (request.output_format != null && !Object.hasOwn(IMAGES, request.output_format)) return 'The "output_format" field must be png, webp or jpeg.';
	if ('response_format' in request) return 'Unknown field "response_format".';
	if (request.stream) return 'Streaming is not served by the stand-in.';
	return undefined;
}

module.exports = [
	{
		method: 'POST',
		path: '/v1/images/generations',
		async handle(context) {
			const body = acceptedBody(context, invalidImageRequest, {
				models: IMAGE_MODELS,
				refusal: (model) => `The model "${model}" does not generate images.`,
			});
			if (body === undefined || (await context.work()) === undefined) return undefined;

			const format = body.output_format ?? 'png';
			const inputTokens = Math.max(1, Math.ceil(body.prompt.length / 4));
			const outputTokens = 100 * body.n;
			const size = body.size && body.size !== 'auto' ? body.size : '1024x1024';
			return context.send(200, {
				created: 1747247763,
				data: Array.from({ length: body.n }, () => ({ b64_json: IMAGES[format].base64, revised_prompt: body.prompt })),
				background: body.background ?? 'opaque',
				output_format: format,
				quality: body.quality ?? 'medium',
				size,
				usage: {
					total_tokens: inputTokens + outputTokens,
					input_tokens: inputTokens,
					output_tokens: outputTokens,
					input_tokens_details: { text_tokens: inputTokens, image_tokens: 0 },
				},
			});
		},
	},
];
