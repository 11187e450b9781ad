import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { checkText, numberOption, optionsCollection, sentAs, userOption } from '../../../shared/fields/options';
import { isPlainObject } from '../../../shared/input';
import { binaryPropertyOf, binaryPropertyOption, extensionOf, imageProblem, typeOfBytes } from '../../../shared/media/binaryFiles';
import { imageModelLocator } from '../../../shared/models/modelPicker';
import { answerError } from '../../../shared/transport/answers';
import { defineOperation } from '../define';
import { modelFieldFrom } from '../modelField';

/** preSend: the output field is checked before anything is sent. */
export async function checkOutputField(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	binaryPropertyOf(this);
	return requestOptions;
}

/** The answer's fields that describe every image of it (the API echoes what it used). */
const DESCRIBING = ['created', 'size', 'quality', 'background', 'output_format'] as const;

/** An image's bytes from its `b64_json` (a data URL's prefix, which some proxies add, left out). */
const bytesOfImage = (b64: string) => Buffer.from(b64.replace(/^data:[^,]*;base64,/, ''), 'base64');

/**
 * postReceive: one item per image, the image as n8n binary data (its type from its own first
 * bytes, which must be a whole PNG, JPEG or WebP image), the rest in `json` without the base64,
 * which would weigh megabytes. The request's usage goes on its first image.
 */
export async function toImageItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = response.body as IDataObject;
	const images = Array.isArray(body.data) ? body.data : [];
	const unreadable = images.length === 0 || images.some((image) => !isPlainObject(image) || typeof image.b64_json !== 'string' || image.b64_json === '');
	if (unreadable) {
		throw answerError(this.getNode(), body, {
			message: images.length === 0 ? 'The API answered without images' : 'The API answered with an image that has no data (b64_json)',
			description: 'Check that the model generates images, e.g. openai-gpt-image-1.',
			itemIndex: this.getItemIndex(),
		});
	}
	const files = (images as IDataObject[]).map(({ b64_json }) => bytesOfImage(b64_json as string));
	files.forEach((bytes, position) => {
		const problem = imageProblem(bytes);
		if (!problem) return;
		const which = images.length > 1 ? `Image ${position + 1} of ${images.length}` : 'The image';
		throw answerError(this.getNode(), { image: position + 1, bytes: bytes.length }, {
			message: `${which} in the API's answer ${problem}`,
			description: 'Its data (b64_json) was cut off or garbled on its way: try again.',
			itemIndex: this.getItemIndex(),
		});
	});
	const property = binaryPropertyOf(this);
	const described = Object.fromEntries(DESCRIBING.filter((key) => body[key] != null).map((key) => [key, body[key]]));

	return await Promise.all(
		(images as IDataObject[]).map(async ({ revised_prompt }, position) => {
			const mimeType = typeOfBytes(files[position])!;
			const extension = extensionOf(mimeType)!;
			const fileName = images.length > 1 ? `image-${position + 1}.${extension}` : `image.${extension}`;
			const file = await this.helpers.prepareBinaryData(files[position], fileName, mimeType);
			const usage = position === 0 && isPlainObject(body.usage) ? { usage: { ...body.usage, images: images.length } } : {};
			return {
				json: { ...(typeof revised_prompt === 'string' ? { revised_prompt } : {}), ...described, ...usage },
				binary: { [property]: file },
			};
		}),
	);
}

const choice = (name: string, value: string, description?: string) => ({ name, value, ...(description ? { description } : {}) });

const properties: INodeProperties[] = [
	modelFieldFrom(imageModelLocator),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. A lighthouse on a cliff at dawn, watercolour',
		description: 'What the image should show (up to 32,000 characters)',
		typeOptions: { rows: 3 },
		routing: { send: { type: 'body', property: 'prompt', preSend: [checkText('Prompt', 'prompt', 'Describe the image to generate.')] } },
	},
	numberOption(
		{
			displayName: 'Number of Images',
			name: 'n',
			default: 1,
			property: 'n',
			description: 'How many images to generate for each item, from 1 to 10 (always sent: the API requires it)',
		},
		{ min: 1, max: 10, integer: true },
	),
	optionsCollection([
		{
			displayName: 'Background',
			name: 'background',
			type: 'options',
			default: 'auto',
			options: [choice('Auto', 'auto'), choice('Opaque', 'opaque'), choice('Transparent', 'transparent', 'Needs PNG or WebP output')],
			routing: sentAs('background'),
		},
		{
			displayName: 'Moderation',
			name: 'moderation',
			type: 'options',
			default: 'auto',
			options: [choice('Auto', 'auto'), choice('Low', 'low', 'Less restrictive filtering')],
			routing: sentAs('moderation'),
		},
		numberOption(
			{
				displayName: 'Output Compression',
				name: 'outputCompression',
				default: 100,
				property: 'output_compression',
				description: 'From 0 to 100 (%): how much to compress a JPEG or WebP image',
			},
			{ min: 0, max: 100, integer: true },
		),
		{
			displayName: 'Output Format',
			name: 'outputFormat',
			type: 'options',
			default: 'png',
			options: [choice('PNG', 'png'), choice('JPEG', 'jpeg'), choice('WebP', 'webp')],
			description: 'The file type of the images; the binary data gets its MIME type and extension',
			routing: sentAs('output_format'),
		},
		binaryPropertyOption,
		{
			displayName: 'Quality',
			name: 'quality',
			type: 'options',
			default: 'auto',
			options: [choice('Auto', 'auto'), choice('High', 'high'), choice('Medium', 'medium'), choice('Low', 'low')],
			routing: sentAs('quality'),
		},
		{
			displayName: 'Size',
			name: 'size',
			type: 'options',
			default: 'auto',
			options: [
				choice('Auto', 'auto', 'The model decides'),
				choice('1024×1024 (Square)', '1024x1024', "In DigitalOcean's guide; not in its API reference's list"),
				choice('1536×1024 (Landscape)', '1536x1024'),
				choice('1024×1536 (Portrait)', '1024x1536'),
			],
			description: 'Width × height in pixels. Not sent unless added: the model picks.',
			routing: sentAs('size'),
		},
		userOption,
	]),
];

export const generate = (resource: string) =>
	defineOperation(resource, {
		name: 'Generate',
		value: 'generate',
		action: 'Generate an image',
		description: "Make images from each item's prompt, as binary data",
		request: { method: 'POST', url: '/v1/images/generations' },
		properties,
		preSend: [checkOutputField],
		postReceive: [toImageItems],
		namesModel: true,
	});
