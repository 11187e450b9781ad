import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { toJobItem } from './jobs';
import { checkWaiting, finishedJobOptions, finishJob, waitForCompletionField } from './waiting';
import { checkText, keyValueField, numberOption, optionsCollection, sentAs } from '../../../shared/fields/options';
import { invalidInput, isPlainObject, parseJsonField, textOf } from '../../../shared/input';
import { falModelLocator } from '../../../shared/models/modelPicker';
import { followedBy, sentAgainOnlyIfTurnedAway } from '../../../shared/transport/request';
import { defineOperation } from '../define';
import { modelFieldFrom } from '../modelField';

/** The kinds of fal model whose input fields the node shows; JSON takes any model's input. */
const KINDS = ['image', 'audio', 'speech'] as const;
const forKinds = (...kinds: Array<(typeof KINDS)[number] | 'json'>) => ({ show: { '/kind': kinds } });

/** A JSON field that must hold an object (an input, extra input fields). */
function objectOf(context: IExecuteSingleFunctions, field: string, value: unknown): IDataObject {
	const parsed = parseJsonField(context, field, value);
	if (!isPlainObject(parsed)) throw invalidInput(context, field, 'must be a JSON object such as {"prompt": "a red fox"}');
	return parsed as IDataObject;
}

/** preSend (JSON): the model's whole input, from JSON or an expression. */
export async function sendInputJson(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const input = objectOf(this, 'Input (JSON)', this.getNodeParameter('inputJson', '{}'));
	if (Object.keys(input).length === 0) throw invalidInput(this, 'Input (JSON)', 'is empty; give the input fields the model takes, e.g. {"prompt": "a red fox"}');
	(requestOptions.body as IDataObject).input = input;
	return requestOptions;
}

/** preSend (Additional Input Fields): fields the node has no field for (a voice, a seed), added to the input. */
export async function sendAdditionalInput(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const extra = objectOf(this, 'Additional Input Fields', this.getNodeParameter('options.additionalInput', '{}'));
	const body = requestOptions.body as IDataObject;
	body.input = { ...(body.input as IDataObject), ...extra };
	return requestOptions;
}

/** preSend (Tags): the rows as DigitalOcean's `tags: [{key, value}]`; a row without a key is refused. */
export async function sendTags(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const rows = this.getNodeParameter('options.tags.values', []) as Array<{ key?: unknown; value?: unknown }>;
	const tags = rows.map(({ key, value }) => ({ key: textOf(this, 'Tags → Key', key).trim(), value: textOf(this, 'Tags → Value', value) }));
	if (tags.some(({ key }) => key === '')) throw invalidInput(this, 'Tags', 'a tag has no key');
	if (tags.length > 0) (requestOptions.body as IDataObject).tags = tags;
	return requestOptions;
}

const properties: INodeProperties[] = [
	modelFieldFrom(falModelLocator, 'model_id'),
	{
		displayName: 'Kind of Model',
		name: 'kind',
		type: 'options',
		noDataExpression: true,
		default: 'image',
		description: 'Which input fields to show; JSON takes the input of any fal model',
		options: [
			{ name: 'Image', value: 'image', description: 'A prompt, e.g. fal-ai/flux/schnell or fal-ai/fast-sdxl' },
			{ name: 'Audio', value: 'audio', description: 'A prompt and a duration, e.g. fal-ai/stable-audio-25/text-to-audio' },
			{ name: 'Speech', value: 'speech', description: 'A text to read out, e.g. fal-ai/elevenlabs/tts/multilingual-v2' },
			{ name: 'Any Model (JSON)', value: 'json', description: "The model's input as JSON, as its fal page documents it" },
		],
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. A red fox in the snow, photo',
		description: 'What to make, sent as the input\'s "prompt"',
		typeOptions: { rows: 3 },
		displayOptions: { show: { kind: ['image', 'audio'] } },
		routing: { send: { type: 'body', property: 'input.prompt', preSend: [checkText('Prompt', 'input.prompt')] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Your order has shipped.',
		description: 'The text to speak, sent as the input\'s "text"',
		typeOptions: { rows: 3 },
		displayOptions: { show: { kind: ['speech'] } },
		routing: { send: { type: 'body', property: 'input.text', preSend: [checkText('Text', 'input.text')] } },
	},
	{
		displayName: 'Input (JSON)',
		name: 'inputJson',
		type: 'json',
		required: true,
		default: '{\n  "prompt": ""\n}',
		description: "The model's input object, sent as the request's \"input\"",
		displayOptions: { show: { kind: ['json'] } },
		routing: { send: { preSend: [sendInputJson] } },
	},
	waitForCompletionField,
	optionsCollection([
		{
			displayName: 'Additional Input Fields',
			name: 'additionalInput',
			type: 'json',
			default: '{}',
			description: 'More input fields for the model, as JSON, e.g. {"voice": "Rachel"} for speech or {"seed": 42}',
			displayOptions: forKinds(...KINDS),
			routing: { send: { preSend: [sendAdditionalInput] } },
		},
		{
			...numberOption(
				{
					displayName: 'Duration (Seconds)',
					name: 'secondsTotal',
					default: 10,
					property: 'input.seconds_total',
					description: 'How long the audio is, sent as "seconds_total"',
				},
				{ min: 1, integer: true },
			),
			displayOptions: forKinds('audio'),
		},
		{
			displayName: 'Enable Safety Checker',
			name: 'enableSafetyChecker',
			type: 'boolean',
			default: true,
			description: 'Whether the model filters unsafe images, sent as "enable_safety_checker"',
			displayOptions: forKinds('image'),
			routing: sentAs('input.enable_safety_checker'),
		},
		...finishedJobOptions,
		{
			...numberOption(
				{
					displayName: 'Guidance Scale',
					name: 'guidanceScale',
					default: 3.5,
					property: 'input.guidance_scale',
					description: 'How closely the image follows the prompt, sent as "guidance_scale"',
				},
				{ min: 0 },
			),
			displayOptions: forKinds('image'),
		},
		{
			...numberOption(
				{
					displayName: 'Inference Steps',
					name: 'numInferenceSteps',
					default: 4,
					property: 'input.num_inference_steps',
					description: 'How many denoising steps, sent as "num_inference_steps"; more is slower and finer',
				},
				{ min: 1, integer: true },
			),
			displayOptions: forKinds('image'),
		},
		{
			...numberOption(
				{
					displayName: 'Number of Images',
					name: 'numImages',
					default: 1,
					property: 'input.num_images',
					description: 'How many images the job makes, sent as "num_images"; each becomes an item',
				},
				{ min: 1, integer: true },
			),
			displayOptions: forKinds('image'),
		},
		{
			displayName: 'Output Format',
			name: 'outputFormat',
			type: 'string',
			default: '',
			placeholder: 'e.g. landscape_4_3',
			description:
				'Sent as "output_format". DigitalOcean describes it as a format or an aspect ratio (its example: landscape_4_3); what a model takes is on its fal page.',
			displayOptions: forKinds('image'),
			routing: sentAs('input.output_format'),
		},
		{
			...keyValueField({ displayName: 'Tags', name: 'tags', placeholder: 'Add Tag', description: 'Key-value tags DigitalOcean keeps with the job', row: 'values' }),
			routing: { send: { preSend: [sendTags] } },
		},
	], 'Only the input fields you add are sent to the model'),
];

/** What a Start that may have queued a job says instead of "try again": a second job is a second charge. */
const CHECK_FOR_THE_JOB_FIRST =
	'DigitalOcean may have queued the job before this failure, and each job is charged: check for it (its files, or the usage of the model access key in the DigitalOcean control panel) before running this item again.';

export const start = (resource: string) =>
	defineOperation(resource, {
		name: 'Start',
		value: 'start',
		action: 'Start a job',
		description: "Run a fal model (images, audio, speech) as a job; by default wait for it and output its files",
		request: { method: 'POST', url: '/v1/async-invoke' },
		properties,
		preSend: [sentAgainOnlyIfTurnedAway(CHECK_FOR_THE_JOB_FIRST), checkWaiting, followedBy(finishJob)],
		postReceive: [toJobItem],
		namesModel: true,
	});
