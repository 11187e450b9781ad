import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_INPUTS_PER_REQUEST, readEmbeddingsAnswer } from '../../../shared/embeddings/vectors';
import { optionsCollection, userOption } from '../../../shared/fields/options';
import { batchSizeOption } from '../../../shared/fields/subNodeOptions';
import { invalidInput, isPlainObject, notAWholeNumber, textOf, wholeNumberIn } from '../../../shared/input';
import { embeddingModelLocator } from '../../../shared/models/modelPicker';
import { answerError } from '../../../shared/transport/answers';
import { sentInBatches } from '../../../shared/transport/request';
import { defineOperation } from '../define';
import { modelFieldFrom } from '../modelField';

/** The item's text as the request's input: text (a number as its text), not empty, else an error for its item. */
function putInput(context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions, field: string, value: unknown, hint: string) {
	const text = textOf(context, field, value);
	if (text.trim() === '') throw invalidInput(context, field, 'is empty; there is nothing to embed', hint);
	(requestOptions.body as IDataObject).input = text;
	return requestOptions;
}

/** preSend (Define Below): the Text n8n evaluated for the item. An empty one is refused for its item (the API would refuse the whole request). */
export async function checkText(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const hint = 'Use an expression that gives each item its text, e.g. {{ $json.text }}.';
	return putInput(this, requestOptions, 'Text', (requestOptions.body as IDataObject).input, hint);
}

/** A field of an item's JSON by its name; a dot reaches into an object (document.text). */
function fieldValue(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	return path.split('.').reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), json);
}

/**
 * preSend (A Field of Each Item): the text read from the item's own field. No expression is
 * evaluated per item: n8n evaluates each of a declarative node's expressions twice per item
 * before the first request leaves, and for many short texts that is most of the run's time.
 */
export async function sendTextField(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = String(this.getNodeParameter('textField', 'text') ?? '').trim();
	if (field === '') throw invalidInput(this, 'Text Field', 'is empty; enter the name of the field that holds the text, e.g. text');
	const json = this.getInputData().json ?? {};
	const value = fieldValue(json, field);
	if (value === undefined) {
		const fields = Object.keys(json).slice(0, 10).join(', ');
		throw invalidInput(this, 'Text Field', `the item has no field "${field}"`, fields ? `Its fields: ${fields}.` : 'The item is empty.');
	}
	return putInput(this, requestOptions, `Text (field "${field}")`, value, 'Give every item some text in that field, or leave out the items without.');
}

/** Inputs per request, from the first item (like n8n's Request Options): a whole number from 1 to 2048. */
function batchSizeOf(context: IExecuteSingleFunctions): number {
	const value = context.getNodeParameter('options.batchSize', DEFAULT_BATCH_SIZE) as unknown;
	const size = wholeNumberIn(value, 1, MAX_INPUTS_PER_REQUEST);
	if (size === undefined) {
		throw invalidInput(context, 'Batch Size', notAWholeNumber(value, 1, MAX_INPUTS_PER_REQUEST));
	}
	return size;
}

/**
 * postReceive: one item per input, in input order (the request path gives each its own).
 * DigitalOcean counts tokens per request, not per input: the request's usage goes on its first
 * item, with how many inputs it covers.
 */
export async function toEmbeddingItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const answer = readEmbeddingsAnswer(response.body);
	if (typeof answer === 'string') {
		throw answerError(this.getNode(), response.body, {
			message: answer,
			description: 'Check that the model is an embedding model, and the Base URL in the DigitalOcean Gradient credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	const { model, vectors, usage } = answer;
	return vectors.map((embedding, position) => ({
		json: {
			embedding,
			...(model !== undefined ? { model } : {}),
			...(position === 0 && usage ? { usage: { ...usage, inputs: vectors.length } } : {}),
		},
	}));
}

const properties: INodeProperties[] = [
	modelFieldFrom(embeddingModelLocator),
	{
		displayName: 'Text From',
		name: 'textFrom',
		type: 'options',
		noDataExpression: true,
		default: 'field',
		options: [
			{
				name: 'A Field of Each Item',
				value: 'field',
				description: "The text is in a field of each input item (the fastest for many items: nothing to evaluate per item)",
			},
			{
				name: 'Define Below',
				value: 'define',
				description: 'The text from an expression, e.g. built from several fields',
			},
		],
	},
	{
		displayName: 'Text Field',
		name: 'textField',
		type: 'string',
		required: true,
		default: 'text',
		placeholder: 'e.g. text',
		description: 'The name of the input field that holds the text to embed; a dot reaches into an object, e.g. document.text',
		displayOptions: { show: { textFrom: ['field'] } },
		routing: { send: { preSend: [sendTextField] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.title + "\n" + $json.body }}',
		description: "The text to embed; each item's own, by expression",
		typeOptions: { rows: 2 },
		displayOptions: { show: { textFrom: ['define'] } },
		routing: { send: { type: 'body', property: 'input', preSend: [checkText] } },
	},
	optionsCollection([
		batchSizeOption(
			`How many items' texts go in one request (DigitalOcean takes up to ${MAX_INPUTS_PER_REQUEST}); the requests still follow Request Options → Max Concurrent Requests`,
		),
		userOption,
	]),
];

export const create = (resource: string) =>
	defineOperation(resource, {
		name: 'Create',
		value: 'create',
		action: 'Create embeddings',
		description: "Turn each item's text into a vector, many items per request",
		request: { method: 'POST', url: '/v1/embeddings' },
		properties,
		preSend: [sentInBatches({ property: 'input', maxInputs: batchSizeOf })],
		postReceive: [toEmbeddingItems],
		namesModel: true,
	});
