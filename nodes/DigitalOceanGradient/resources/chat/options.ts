import type { INodeProperties } from 'n8n-workflow';

import {
	sendLogitBias,
	sendMetadata,
	sendStopSequences,
	sendToolChoice,
	sendTools,
} from './optionHooks';
import { promptCachingOption } from './promptCaching';
import { jsonOutputOption } from './replies';
import { modelAffinityOption } from '../../../shared/fields/modelAffinity';
import { keyValueField, numberOption, optionsCollection, sentAs, sortedByName, userOption } from '../../../shared/fields/options';
import {
	maxCompletionTokensOption,
	reasoningEffortOption,
	temperatureOption,
	topPOption,
} from '../../../shared/fields/samplingOptions';

/** The options of a chat request, sorted by name: Chat's Options, and Batch → Create's with the batch's own. */
export const chatOptionList: INodeProperties[] = [
	numberOption(
		{
			displayName: 'Frequency Penalty',
			name: 'frequencyPenalty',
			default: 0,
			property: 'frequency_penalty',
			description:
				'From -2 to 2. Positive values make the model less likely to repeat the same words.',
		},
		{ min: -2, max: 2 },
	),
	{
		displayName: 'Logit Bias',
		name: 'logitBias',
		type: 'json',
		default: '{}',
		description:
			'A JSON object mapping token IDs to a bias from -100 (never) to 100 (always), e.g. {"50256": -100}',
		routing: { send: { preSend: [sendLogitBias] } },
	},
	{
		displayName: 'Logprobs',
		name: 'logprobs',
		type: 'boolean',
		default: false,
		description: 'Whether to return the log probabilities of the output tokens',
		routing: sentAs('logprobs'),
	},
	maxCompletionTokensOption,
	numberOption(
		{
			displayName: 'Max Tokens (Legacy)',
			name: 'maxTokens',
			default: 1024,
			property: 'max_tokens',
			description:
				'The older limit on reply tokens, deprecated in favour of Max Completion Tokens; reasoning models may reject it',
		},
		{ min: 1, integer: true },
	),
	{
		...keyValueField({
			displayName: 'Metadata',
			name: 'metadata',
			placeholder: 'Add Metadata',
			description: 'Up to 16 key/value pairs stored with the request',
			row: 'pair',
			keyPlaceholder: 'e.g. workflow',
			valuePlaceholder: 'e.g. daily-digest',
		}),
		routing: { send: { preSend: [sendMetadata] } },
	},
	numberOption(
		{
			displayName: 'Number of Completions',
			name: 'n',
			default: 1,
			property: 'n',
			description:
				'How many replies to generate for each input item; with Simplify on, each becomes its own output item',
		},
		{ min: 1, max: 128, integer: true },
	),
	jsonOutputOption,
	numberOption(
		{
			displayName: 'Presence Penalty',
			name: 'presencePenalty',
			default: 0,
			property: 'presence_penalty',
			description:
				'From -2 to 2. Positive values make the model more likely to talk about new topics.',
		},
		{ min: -2, max: 2 },
	),
	promptCachingOption,
	reasoningEffortOption,
	numberOption(
		{
			displayName: 'Seed',
			name: 'seed',
			default: 0,
			property: 'seed',
			description:
				'Ask for repeatable sampling: the same seed and input aim at the same reply',
		},
		{ integer: true },
	),
	{
		displayName: 'Stop Sequences',
		name: 'stopSequences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Stop Sequence',
		default: {},
		description: 'Up to 4 texts at which the model stops writing; any characters, commas included',
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Sequence',
						name: 'sequence',
						type: 'string',
						default: '',
						placeholder: 'e.g. END',
					},
				],
			},
		],
		routing: { send: { preSend: [sendStopSequences] } },
	},
	temperatureOption,
	{
		displayName: 'Tool Choice',
		name: 'toolChoice',
		type: 'options',
		default: 'auto',
		description: 'Whether and which of the Tools the model must call',
		options: [
			{ name: 'Auto', value: 'auto', description: 'The model decides' },
			{
				name: 'Function',
				value: 'function',
				description: 'The model must call the function named in Tool Choice Function Name',
			},
			{ name: 'None', value: 'none', description: 'The model must not call a tool' },
			{ name: 'Required', value: 'required', description: 'The model must call at least one tool' },
		],
		routing: { send: { preSend: [sendToolChoice] } },
	},
	{
		displayName: 'Tool Choice Function Name',
		name: 'toolChoiceFunctionName',
		type: 'string',
		default: '',
		placeholder: 'e.g. get_weather',
		description: 'The tool the model must call',
		// Relative to the collection: shown, and kept, only while Tool Choice is Function.
		displayOptions: { show: { toolChoice: ['function'] } },
	},
	{
		displayName: 'Tools',
		name: 'tools',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tool',
		default: {},
		description:
			'Functions the model may ask to call. Their calls come back in tool_calls, with the arguments parsed.',
		options: [
			{
				displayName: 'Tool',
				name: 'tool',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. get_weather',
						description: 'Up to 64 letters, digits, "_" or "-"',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'e.g. Get the current weather in a city',
						description: 'What the function does, so the model knows when to call it',
					},
					{
						displayName: 'Parameters',
						name: 'parameters',
						type: 'json',
						default: '{\n  "type": "object",\n  "properties": {}\n}',
						description: 'A JSON Schema object describing the arguments',
					},
				],
			},
		],
		routing: { send: { preSend: [sendTools] } },
	},
	numberOption(
		{
			displayName: 'Top Logprobs',
			name: 'topLogprobs',
			default: 0,
			property: 'top_logprobs',
			description:
				'From 0 to 20: how many likely alternatives to return for each token (needs Logprobs on)',
		},
		{ min: 0, max: 20, integer: true },
	),
	topPOption,
	userOption,
];

/** Chat's Options: a request's, and Model Affinity (not Batch → Create's: DigitalOcean documents routers for chat requests only). */
export const chatOptions: INodeProperties = optionsCollection(sortedByName([...chatOptionList, modelAffinityOption]));
