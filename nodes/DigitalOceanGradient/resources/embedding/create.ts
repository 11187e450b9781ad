import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_INPUTS_PER_REQUEST, readEmbeddingsAnswer } from '../../../shared/embeddings/vectors';
import { batchSizeOption } from '../../../shared/fields/subNodeOptions';
import { invalidInput, textOf, wholeNumberIn } from '../../../shared/input';
import { embeddingModelLocator } from '../../../shared/models/modelPicker';
import { answerError } from '../../../shared/transport/answers';
import { sentInBatches } from '../../../shared/transport/request';
import { defineOperation } from '../define';
import { requireModel } from '../modelField';

/** preSend: the item's text, as text; an empty one is refused for its item (the API refuses it for the whole request). */
export async function checkText(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const text = textOf(this, 'Text', body.input);
	if (text.trim() === '') {
		throw invalidInput(this, 'Text', 'is empty; there is nothing to embed', 'Use an expression that gives each item its text, e.g. {{ $json.text }}.');
	}
	body.input = text;
	return requestOptions;
}

/** Inputs per request, from the first item (like n8n's Request Options): a whole number from 1 to 2048. */
function batchSizeOf(context: IExecuteSingleFunctions): number {
	const value = context.getNodeParameter('options.batchSize', DEFAULT_BATCH_SIZE) as unknown;
	const size = wholeNumberIn(value, 1, MAX_INPUTS_PER_REQUEST);
	if (size === undefined) {
		throw invalidInput(context, 'Batch Size', `${JSON.stringify(value)} is not a whole number from 1 to ${MAX_INPUTS_PER_REQUEST}`);
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
	{
		...embeddingModelLocator,
		routing: { send: { type: 'body', property: 'model', preSend: [requireModel] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.text }}',
		description: "The text to embed; each item's own, by expression",
		typeOptions: { rows: 2 },
		routing: { send: { type: 'body', property: 'input', preSend: [checkText] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			batchSizeOption(
				`How many items' texts go in one request (DigitalOcean takes up to ${MAX_INPUTS_PER_REQUEST}); the requests still follow Request Options → Max Concurrent Requests`,
			),
			{
				displayName: 'User',
				name: 'user',
				type: 'string',
				default: '',
				placeholder: 'e.g. user-1234',
				description: 'An ID for the end user the request is for, sent as the API\'s "user"',
				routing: { send: { type: 'body', property: 'user' } },
			},
		],
	},
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
