import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { keyValueMap } from '../../../shared/fields/options';
import { invalidInput, isPlainObject, parseJsonField } from '../../../shared/input';

const MAX_STOP_SEQUENCES = 4;
const MAX_METADATA_PAIRS = 16;
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

interface ToolRow {
	name?: string;
	description?: string;
	parameters?: unknown;
}

function body(requestOptions: IHttpRequestOptions): IDataObject {
	return requestOptions.body as IDataObject;
}

/** preSend for Stop Sequences: sent as an array, so a sequence may hold any character. */
export async function sendStopSequences(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const rows = this.getNodeParameter('options.stopSequences.values', []) as Array<{
		sequence: string;
	}>;
	const sequences = rows.map(({ sequence }) => sequence);
	if (sequences.length > MAX_STOP_SEQUENCES) {
		throw invalidInput(
			this,
			'Stop Sequences',
			`${sequences.length} given; the API accepts at most ${MAX_STOP_SEQUENCES}`,
		);
	}
	if (sequences.some((sequence) => typeof sequence !== 'string' || sequence === '')) {
		throw invalidInput(this, 'Stop Sequences', 'a sequence is empty');
	}
	if (sequences.length > 0) body(requestOptions).stop = sequences;
	return requestOptions;
}

/** preSend for Logit Bias: a JSON object of token IDs to integers from -100 to 100. */
export async function sendLogitBias(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = 'Logit Bias';
	const bias = parseJsonField(this, field, this.getNodeParameter('options.logitBias', '{}'));
	if (!isPlainObject(bias)) {
		throw invalidInput(this, field, 'must be a JSON object such as {"50256": -100}');
	}
	for (const [token, value] of Object.entries(bias)) {
		if (!/^\d+$/.test(token)) {
			throw invalidInput(this, field, `"${token}" is not a token ID (a whole number)`);
		}
		if (!Number.isInteger(value) || (value as number) < -100 || (value as number) > 100) {
			throw invalidInput(
				this,
				field,
				`the bias of token ${token} must be a whole number from -100 to 100`,
			);
		}
	}
	body(requestOptions).logit_bias = bias;
	return requestOptions;
}

/** preSend for Metadata: key/value pairs, at most 16, keys set and unique. */
export async function sendMetadata(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const metadata = keyValueMap(this, 'options.metadata.pair', 'Metadata');
	const pairs = Object.keys(metadata);
	if (pairs.length > MAX_METADATA_PAIRS) {
		throw invalidInput(
			this,
			'Metadata',
			`${pairs.length} pairs given; the API accepts at most ${MAX_METADATA_PAIRS}`,
		);
	}
	if (pairs.length > 0) body(requestOptions).metadata = metadata;
	return requestOptions;
}

function toolFrom(context: IExecuteSingleFunctions, row: ToolRow, position: number): IDataObject {
	const field = 'Tools';
	const name = (row.name ?? '').trim();
	if (!FUNCTION_NAME.test(name)) {
		throw invalidInput(
			context,
			field,
			`tool ${position} has the name "${name}"; a function name is 1 to 64 letters, digits, "_" or "-"`,
		);
	}
	const description = (row.description ?? '').trim();
	const definition: IDataObject = { name, ...(description ? { description } : {}) };
	const rawParameters = typeof row.parameters === 'string' ? row.parameters.trim() : row.parameters;
	if (rawParameters !== undefined && rawParameters !== '') {
		definition.parameters = schemaFrom(context, name, rawParameters);
	}
	return { type: 'function', function: definition };
}

function schemaFrom(context: IExecuteSingleFunctions, toolName: string, raw: unknown): IDataObject {
	const field = `Tools (parameters of "${toolName}")`;
	const schema = parseJsonField(context, field, raw);
	if (!isPlainObject(schema)) {
		throw invalidInput(context, field, 'must be a JSON Schema object');
	}
	if (schema.type !== undefined && schema.type !== 'object') {
		throw invalidInput(
			context,
			field,
			`must describe an object ("type": "object"), not ${JSON.stringify(schema.type)}`,
		);
	}
	return schema as IDataObject;
}

/** preSend for Tools: function definitions with their JSON-Schema parameters, checked. */
export async function sendTools(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const rows = this.getNodeParameter('options.tools.tool', []) as ToolRow[];
	const tools = rows.map((row, index) => toolFrom(this, row, index + 1));
	const names = tools.map((tool) => (tool.function as IDataObject).name as string);
	const repeated = names.find((name, index) => names.indexOf(name) !== index);
	if (repeated) throw invalidInput(this, 'Tools', `two tools are named "${repeated}"`);
	if (tools.length > 0) body(requestOptions).tools = tools;
	return requestOptions;
}

/** preSend for Tool Choice: a mode, or the API's object form for one named function. */
export async function sendToolChoice(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = 'Tool Choice';
	const choice = this.getNodeParameter('options.toolChoice', 'auto') as string;
	const toolNames = (this.getNodeParameter('options.tools.tool', []) as ToolRow[]).map((row) =>
		(row.name ?? '').trim(),
	);
	if (toolNames.length === 0) {
		throw invalidInput(this, field, 'is set but no tools are defined in "Tools"');
	}
	if (choice !== 'function') {
		body(requestOptions).tool_choice = choice;
		return requestOptions;
	}
	const name = (this.getNodeParameter('options.toolChoiceFunctionName', '') as string).trim();
	if (!toolNames.includes(name)) {
		throw invalidInput(
			this,
			'Tool Choice Function Name',
			name ? `"${name}" is not one of the tools defined in "Tools"` : 'is empty',
		);
	}
	body(requestOptions).tool_choice = { type: 'function', function: { name } };
	return requestOptions;
}
