import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeCredentialDescription,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
	JsonObject,
	PostReceiveAction,
} from 'n8n-workflow';
import { getCredentialAllowedDomains, NodeApiError, NodeHelpers, NodeOperationError, sleep } from 'n8n-workflow';

import { setPath } from '../input';

/**
 * An operation of a declarative node run as n8n's `customOperations` (IExecuteFunctions)
 * instead of by RoutingNode, with the same request: its own routing (the operation option's,
 * and its fields'), read the way RoutingNode reads it, and then the same preSend hooks, the same
 * `requestOperations.pagination` wrapper (our request path), the same postReceive functions.
 *
 * RoutingNode reads every top-level property of the description for every item, twice, before
 * the first request leaves; this reads only the operation's own fields. The description stays
 * as it is: the editor and tool mode (where n8n may run RoutingNode itself) use it.
 *
 * Only routing that needs no expression is supported (routedOperationProblems says what is not):
 * RoutingNode's `$value`, `$parameter` and `$credentials` keys are not available here.
 */

type RoutedProperty = INodeProperties | INodePropertyOptions;
type Routing = NonNullable<INodeProperties['routing']>;
type ResultOptions = DeclarativeRestApiSettings.ResultOptions;

/** lodash's set(error, 'context.itemIndex', …) and set(error, 'context.runIndex', …), as RoutingNode does. */
function setContext(error: object, itemIndex: number, runIndex: number) {
	const withContext = error as { context?: IDataObject };
	withContext.context ??= {};
	withContext.context.itemIndex = itemIndex;
	withContext.context.runIndex = runIndex;
}

const isExpression = (value: unknown) => typeof value === 'string' && value.charAt(0) === '=';

/** Where a routing uses something this runner does not do: an expression, qs by path with brackets, declarative postReceive. */
function routingProblem(routing: Routing): string | undefined {
	const { request, send, output, operations } = routing;
	if (operations) return 'routing.operations';
	for (const [key, value] of Object.entries(request ?? {})) {
		if (isExpression(value) || (typeof value === 'object' && value !== null && JSON.stringify(value).includes('"='))) {
			return `routing.request.${key} is an expression`;
		}
	}
	if (send) {
		if (isExpression(send.property) || (send.property ?? '').includes('[')) return 'routing.send.property';
		if (send.value !== undefined) return 'routing.send.value';
		if (isExpression(send.paginate)) return 'routing.send.paginate';
		if (send.type !== undefined && send.type !== 'body' && send.type !== 'query') return 'routing.send.type';
	}
	if (output) {
		if (output.maxResults !== undefined) return 'routing.output.maxResults';
		if (output.postReceive?.some((action) => typeof action !== 'function')) return 'a declarative postReceive action';
	}
	return undefined;
}

function problemsOf(property: RoutedProperty | INodePropertyCollection, path: string, problems: string[]) {
	const name = `${path}${property.name}`;
	if ('routing' in property && property.routing) {
		const problem = routingProblem(property.routing);
		if (problem) problems.push(`${name}: ${problem}`);
	}
	const options = (property as { options?: unknown[] }).options;
	if (Array.isArray(options)) {
		for (const option of options as Array<RoutedProperty | INodePropertyCollection>) {
			if (typeof option !== 'object' || option === null) continue;
			problemsOf(option, `${name}.`, problems);
		}
	}
	if ('values' in property && Array.isArray(property.values)) {
		for (const value of property.values) problemsOf(value, `${name}.`, problems);
	}
}

/** What in an operation's routing this runner cannot do; an empty list where it can run it. */
export function routedOperationProblems(option: INodePropertyOptions, fields: INodeProperties[]): string[] {
	const problems: string[] = [];
	problemsOf(option, '', problems);
	for (const field of fields) problemsOf(field, '', problems);
	return problems;
}

/** Whether any property at or under this one has routing (a fixedCollection without any is skipped). */
function hasRouting(property: RoutedProperty | INodePropertyCollection): boolean {
	if ('routing' in property && property.routing) return true;
	const options = (property as { options?: unknown[] }).options;
	if (Array.isArray(options) && options.some((option) => typeof option === 'object' && option !== null && hasRouting(option as RoutedProperty))) {
		return true;
	}
	return 'values' in property && Array.isArray(property.values) && property.values.some(hasRouting);
}

/** One item's context, and its way to read a parameter ahead (readFieldsAhead). */
interface ItemContext {
	item: IExecuteSingleFunctions;
	/** Reads a parameter now, keeping its value for the hooks that read it later. */
	readAhead(name: string): void;
}

/**
 * One item's view of the node's IExecuteFunctions, as RoutingNode's ExecuteSingleContext gives
 * it: parameters, credentials, expressions and binary data of this item; its own `helpers`
 * object (the request path may replace its request helper for the run).
 */
export function itemContext(context: IExecuteFunctions, itemIndex: number, run: { node: INode; runIndex: number }): ItemContext {
	const readEarlier = new Map<string, unknown>();
	const read = (name: string, fallbackValue?: unknown, options?: IDataObject) => {
		try {
			return context.getNodeParameter(name, itemIndex, fallbackValue, options);
		} catch (error) {
			throw parameterError(run.node, error, itemIndex, run.runIndex);
		}
	};
	const helpers = context.helpers as unknown as Record<string, unknown> & IExecuteFunctions['helpers'];
	const itemHelpers = {
		...helpers,
		assertBinaryData: (propertyName: string) => helpers.assertBinaryData(itemIndex, propertyName),
		getBinaryDataBuffer: async (propertyName: string) => await helpers.getBinaryDataBuffer(itemIndex, propertyName),
	};
	const item = Object.create(context, {
		helpers: { value: itemHelpers, writable: true },
		getItemIndex: { value: () => itemIndex },
		getNodeParameter: {
			value: (name: string, fallbackValue?: unknown, options?: IDataObject) =>
				options === undefined && readEarlier.has(name) ? (readEarlier.get(name) ?? fallbackValue) : read(name, fallbackValue, options),
		},
		getInputData: {
			value: (inputIndex = 0, connectionType?: string) => {
				const items = (context.getInputData as (index: number, type?: string) => INodeExecutionData[])(inputIndex, connectionType);
				return items[itemIndex] ?? { json: {} };
			},
		},
		getCredentials: { value: async (type: string) => await context.getCredentials(type, itemIndex) },
		evaluateExpression: {
			value: (expression: string, index = itemIndex) => context.evaluateExpression(expression, index),
		},
		getWorkflowDataProxy: { value: () => context.getWorkflowDataProxy(itemIndex) },
	}) as IExecuteSingleFunctions;
	return { item, readAhead: (name) => readEarlier.set(name, read(name, null)) };
}

/**
 * Reads the operation's shown fields that have no routing of their own (preSend hooks read
 * them when the request's turn comes) before the item's request starts, as RoutingNode's pass
 * reads every parameter: an expression that fails stops the node (On Error: Stop) before the
 * items after it are sent. The hooks then get the value read here.
 */
function readFieldsAhead({ readAhead }: ItemContext, fields: INodeProperties[], run: { parameters: INodeParameters; node: INode; description: INodeTypeDescription }) {
	for (const field of fields) {
		if (field.routing || !Object.prototype.hasOwnProperty.call(run.parameters, field.name)) continue;
		if (NodeHelpers.displayParameter(run.parameters, field, run.node, run.description, run.parameters)) readAhead(field.name);
	}
}

/** Errors of parameters that could not be read (an expression that throws): RoutingNode meets them in its pass. */
const parameterErrors = new WeakSet<object>();

/**
 * A parameter that cannot be read fails its item as it does in RoutingNode, which reads (and
 * evaluates) every parameter in its pass before any preSend hook runs: a NodeOperationError
 * for the item, thrown as it is when the node stops on errors.
 */
function parameterError(node: INode, error: unknown, itemIndex: number, runIndex: number): Error {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex, runIndex });
	// n8n names the parameter when getNodeParameter fails; RoutingNode's pass evaluates the value itself and does not.
	if (nodeError !== error) delete (nodeError as { context?: IDataObject }).context?.parameter;
	setContext(nodeError, itemIndex, runIndex);
	parameterErrors.add(nodeError);
	return nodeError;
}

interface Walk {
	item: IExecuteSingleFunctions;
	parameters: INodeParameters;
	node: INode;
	description: INodeTypeDescription;
	into: ResultOptions;
}

/**
 * A property's part of the request, as RoutingNode's getRequestOptionsFromParameters makes it
 * (shown properties only, the chosen option of an options field, the set options of a
 * collection, each row of a fixedCollection), written straight into the request.
 */
function addRouting(walk: Walk, property: RoutedProperty, path: string) {
	const { item, parameters, node, description, into } = walk;
	if (!NodeHelpers.displayParameter(parameters, property, node, description, parameters)) return;
	let basePath = path ? `${path}.` : '';
	const routing = property.routing;
	if (routing) {
		let parameterValue: unknown;
		if ('type' in property) {
			const extractValue = property.extractValue !== undefined || property.type === 'resourceLocator';
			parameterValue = item.getNodeParameter(basePath + property.name, undefined, { extractValue });
		}
		for (const [key, value] of Object.entries(routing.request ?? {})) {
			(into.options as unknown as IDataObject)[key] = value as IDataObject[string];
		}
		const { send, output } = routing;
		if (send) {
			if (send.property !== undefined) {
				const target = (send.type === 'body' ? into.options.body : into.options.qs) as IDataObject;
				if (send.propertyInDotNotation === false) target[send.property] = parameterValue as IDataObject[string];
				else setPath(target, send.property, parameterValue);
			}
			if (send.paginate !== undefined) into.paginate = into.paginate ?? !!send.paginate;
			if (send.preSend) into.preSend.push(...send.preSend);
		}
		const postReceive = output?.postReceive?.filter((action) => typeof action === 'function' || action.enabled !== false);
		if (postReceive?.length) into.postReceive.push({ data: { parameterValue: parameterValue as string }, actions: postReceive });
	}
	if (!('type' in property) || !Object.prototype.hasOwnProperty.call(property, 'options')) return;
	if (property.type === 'options') {
		const chosen = NodeHelpers.getParameterValueByPath(parameters, property.name, basePath.slice(0, -1));
		const option = (property.options as INodePropertyOptions[]).find(({ value }) => value === chosen);
		if (option) addRouting(walk, option, `${basePath}${property.name}`);
	} else if (property.type === 'collection') {
		const value = NodeHelpers.getParameterValueByPath(parameters, property.name, basePath.slice(0, -1)) as IDataObject;
		const set = Object.keys(value ?? {});
		for (const option of property.options as INodeProperties[]) {
			if (set.includes(option.name) && option.type !== undefined) addRouting(walk, option, `${basePath}${property.name}`);
		}
	} else if (property.type === 'fixedCollection' && hasRouting(property)) {
		basePath = `${basePath}${property.name}.`;
		for (const rows of property.options as INodePropertyCollection[]) {
			const raw: unknown = NodeHelpers.getParameterValueByPath(parameters, rows.name, basePath.slice(0, -1));
			if (raw === undefined) continue;
			const value = Array.isArray(raw) ? raw : [raw];
			const rowsPath = `${basePath}${rows.name}`;
			for (let index = 0; index < value.length; index++) {
				for (const field of rows.values) {
					addRouting(walk, field, property.typeOptions?.multipleValues ? `${rowsPath}[${index}]` : rowsPath);
				}
			}
		}
	}
}

/** How RoutingNode reads n8n's Request Options setting (proxy, timeout, SSL, batching). */
interface RequestSettings {
	proxy?: string;
	timeout?: number;
	allowUnauthorizedCerts?: boolean;
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
}

/** Builds one item's request as RoutingNode does, from the operation's own routing only. */
function requestOf(
	item: IExecuteSingleFunctions,
	run: { parameters: INodeParameters; node: INode; description: INodeTypeDescription; credentials?: ICredentialDataDecryptedObject; runIndex: number },
	option: INodePropertyOptions,
	fields: INodeProperties[],
	itemIndex: number,
): ResultOptions {
	const { description, node, parameters, credentials, runIndex } = run;
	const requestData: ResultOptions = {
		options: { qs: {}, body: {}, headers: {} } as unknown as ResultOptions['options'],
		preSend: [],
		postReceive: [],
		requestOperations: {},
	};
	const { proxy, timeout, allowUnauthorizedCerts } = item.getNodeParameter('requestOptions', {}) as RequestSettings;
	if (description.requestOperations) requestData.requestOperations = { ...description.requestOperations };
	// Constant defaults (routedOperationProblems refuses expressions): a fresh copy per item, as RoutingNode's evaluation gives.
	for (const [key, value] of Object.entries(description.requestDefaults ?? {})) {
		(requestData.options as unknown as IDataObject)[key] = (typeof value === 'object' && value !== null ? structuredClone(value) : value) as IDataObject[string];
	}
	const walk: Walk = { item, parameters, node, description, into: requestData };
	addRouting(walk, option, 'operation');
	for (const field of fields) addRouting(walk, field, '');
	if (proxy) {
		const parsed = new URL(proxy);
		if (!parsed.hostname || !parsed.port) {
			const missing = !parsed.hostname ? 'host' : 'port';
			throw new NodeOperationError(node, 'The proxy is not valid', {
				runIndex,
				itemIndex,
				description: `The proxy URL does not contain a valid value for "${missing}"`,
			});
		}
		const options = requestData.options as IHttpRequestOptions;
		options.proxy = {
			host: parsed.hostname,
			port: parseInt(parsed.port, 10),
			protocol: parsed.protocol.replace(/:$/, '') || undefined,
			...(parsed.username ? { auth: { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) } } : {}),
		};
	}
	if (allowUnauthorizedCerts) (requestData.options as IHttpRequestOptions).skipSslCertificateValidation = allowUnauthorizedCerts;
	(requestData.options as IHttpRequestOptions).timeout = timeout || 300_000;
	// n8n-workflow 2.x: a credential may restrict the domains it is sent to (older versions have no such setting).
	const allowedDomainsOf = getCredentialAllowedDomains as typeof getCredentialAllowedDomains | undefined;
	if (credentials && typeof allowedDomainsOf === 'function') {
		const baseURL = (requestData.options as IHttpRequestOptions).baseURL;
		const allowedDomains = allowedDomainsOf({
			node,
			credentialData: credentials,
			credentialOwnedSurface: baseURL === undefined,
			nodeEndpointUrl: baseURL,
		});
		if (allowedDomains) (requestData.options as IDataObject).allowedDomains = allowedDomains;
	}
	return requestData;
}

/** RoutingNode's postProcessResponseData for postReceive functions. */
async function itemsOf(item: IExecuteSingleFunctions, response: IN8nHttpFullResponse, requestData: ResultOptions) {
	let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
	if (requestData.postReceive.length === 0) {
		return Array.isArray(response.body) ? (response.body as IDataObject[]).map((json) => ({ json })) : items;
	}
	for (const { actions } of requestData.postReceive) {
		for (const action of actions) {
			items = await (action as Extract<PostReceiveAction, (...args: never[]) => unknown>).call(item, items, response);
		}
	}
	return items;
}

/** RoutingNode's makeRequest: preSend in order, then the pagination function (our request path) or a plain send. */
async function makeRequest(item: IExecuteSingleFunctions, requestData: ResultOptions, credentialType: string | undefined) {
	for (const preSend of requestData.preSend) {
		requestData.options = await preSend.call(item, requestData.options as IHttpRequestOptions);
	}
	const send = async (data: ResultOptions) => {
		data.options.returnFullResponse = true;
		const response = (credentialType
			? await item.helpers.httpRequestWithAuthentication.call(item, credentialType, data.options as IHttpRequestOptions, { credentialsDecrypted: undefined })
			: await item.helpers.httpRequest(data.options as IHttpRequestOptions)) as IN8nHttpFullResponse;
		return await itemsOf(item, response, requestData);
	};
	const pagination = requestData.requestOperations?.pagination;
	if (requestData.paginate && typeof pagination === 'function') {
		const paging = Object.create(item, { makeRoutingRequest: { value: send } }) as IExecutePaginationFunctions;
		return await pagination.call(paging, requestData);
	}
	if (requestData.paginate && pagination) throw new NodeOperationError(item.getNode(), 'Declarative pagination is not supported here');
	return await send(requestData);
}

/**
 * RoutingNode's prepareCredentials: a node's one credential, or where it has several, the one
 * whose displayOptions show it for the node's `authentication` parameter.
 */
function credentialOf(context: IExecuteFunctions, description: INodeTypeDescription): INodeCredentialDescription | undefined {
	const credentials = description.credentials ?? [];
	if (credentials.length <= 1) return credentials[0];
	const authentication = context.getNodeParameter('authentication', 0) as string;
	const chosen = credentials.find(({ displayOptions }) => displayOptions?.show?.authentication?.includes(authentication));
	if (!chosen) throw new NodeOperationError(context.getNode(), `Node type "${context.getNode().type}" does not have any credentials of type "${authentication}" defined`, { level: 'warning' });
	return chosen;
}

/**
 * The custom operation for one operation of a declarative node: RoutingNode's runNode (items
 * started one after the other without waiting, n8n's Batching respected, errors handled as it
 * handles them), reading only the operation's own fields.
 */
export function routedOperation(
	description: () => INodeTypeDescription,
	option: INodePropertyOptions,
	fields: INodeProperties[],
): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	const problems = routedOperationProblems(option, fields);
	if (problems.length > 0) throw new Error(`The operation "${option.value}" cannot run as a custom operation: ${problems.join('; ')}`);
	return async function (this: IExecuteFunctions) {
		const nodeDescription = description();
		const expressionDefault = Object.entries(nodeDescription.requestDefaults ?? {}).find(([, value]) => JSON.stringify(value ?? null).includes('"='));
		if (expressionDefault) throw new NodeOperationError(this.getNode(), `requestDefaults.${expressionDefault[0]} is an expression, which a custom operation does not evaluate`);
		const node = this.getNode();
		const runIndex = (this as unknown as { runIndex?: number }).runIndex ?? 0;
		const items = this.getInputData();
		const credentialDescription = credentialOf(this, nodeDescription);
		let credentialType: string | undefined = credentialDescription?.name;
		let credentials: ICredentialDataDecryptedObject | undefined;
		const readCredentials = async (name: string) => ((await this.getCredentials(name, 0)) || {}) as ICredentialDataDecryptedObject;
		if (credentialDescription?.required) {
			// A required credential that cannot be read fails the node with n8n's own error.
			credentials = await readCredentials(credentialDescription.name);
		} else if (credentialDescription) {
			credentials = await readCredentials(credentialDescription.name).catch(() => undefined);
			if (!credentials) credentialType = undefined;
		}
		const { batching } = this.getNodeParameter('requestOptions', 0, {}) as RequestSettings;
		const batchSize = (batching?.batch?.batchSize ?? 0) > 0 ? batching!.batch!.batchSize! : 1;
		const batchInterval = batching?.batch?.batchInterval ?? 0;
		const run = { parameters: node.parameters, node, description: nodeDescription, credentials, runIndex };

		const requests: Array<Promise<INodeExecutionData[]>> = [];
		const contexts: IExecuteSingleFunctions[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (itemIndex > 0 && batchInterval > 0 && itemIndex % batchSize === 0) await sleep(batchInterval);
			const context = itemContext(this, itemIndex, run);
			const { item } = context;
			contexts.push(item);
			try {
				readFieldsAhead(context, fields, run);
				const requestData = requestOf(item, run, option, fields, itemIndex);
				requests.push(makeRequest(item, requestData, credentialType));
			} catch (error) {
				const nodeError =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex, runIndex });
				setContext(nodeError, itemIndex, runIndex);
				if (item.continueOnFail()) {
					requests.push(Promise.resolve([{ json: {}, error: nodeError }]));
					continue;
				}
				throw nodeError;
			}
		}

		const settled = await Promise.allSettled(requests);
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const result = settled[itemIndex];
			if (result.status === 'fulfilled') {
				returnData.push(...result.value);
				continue;
			}
			const error = result.reason as Error & { statusCode?: number; description?: string; isAxiosError?: boolean; response?: { status?: number } };
			if (error?.statusCode === 429) error.message = "Try spacing your requests out using the batching settings under 'Options'";
			if (contexts[itemIndex].continueOnFail()) {
				returnData.push({ json: {}, error: error as NodeApiError });
				continue;
			}
			if (error instanceof NodeApiError || parameterErrors.has(error)) {
				setContext(error, itemIndex, runIndex);
				throw error;
			}
			throw new NodeApiError(node, error as unknown as JsonObject, {
				runIndex,
				itemIndex,
				message: error?.message,
				description: error?.description,
				httpCode: error?.isAxiosError && error.response ? String(error.response.status) : 'none',
			});
		}
		return [returnData];
	};
}
