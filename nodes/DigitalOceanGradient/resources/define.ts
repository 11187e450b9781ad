import type {
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { rejectUnsuccessfulAnswer, rejectUnsuccessfulAnswerOrList } from '../../shared/transport/answers';
import { onRequestPath } from '../../shared/transport/request';
import { routedOperation } from '../../shared/transport/routedOperation';

export interface OperationDefinition {
	/** The Operation option: `name` does not repeat the resource, `action` does (n8n's convention). */
	name: string;
	value: string;
	action: string;
	description: string;
	request: { method: IHttpRequestMethods; url: string };
	/** The fields shown for this operation. Their `routing.send.preSend` hooks are wired too. */
	properties: INodeProperties[];
	/** Hooks that build or check the request; an error names its field and item, and nothing is sent. */
	preSend?: PreSendAction[];
	/** Turns a successful answer into items. */
	postReceive: PostReceiveAction[];
	/** Whether the canvas subtitle names the model the operation was set to. */
	namesModel?: boolean;
	/** Whether the answer may be a bare JSON list, not only an object (a compatible proxy's model list). */
	answersWithList?: boolean;
}

export interface Operation {
	resource: string;
	definition: OperationDefinition;
	option: INodePropertyOptions;
	properties: INodeProperties[];
}

export interface Resource {
	name: string;
	value: string;
	description: string;
	operations: Operation[];
	/** The resource's Operation selector and every operation's fields. */
	properties: INodeProperties[];
}

type Routing = NonNullable<INodeProperties['routing']>;

/** A field's own routing with each preSend hook on the request path (onRequestPath). */
function wiredRouting(routing: Routing): Routing {
	const preSend = routing.send?.preSend;
	if (!preSend) return routing;
	return { ...routing, send: { ...routing.send, preSend: preSend.map(onRequestPath) } };
}

/** A field, and the fields inside its collection, with their hooks wired; the original is kept as it is. */
function wiredField(field: INodeProperties): INodeProperties {
	const wired: INodeProperties = { ...field };
	if (field.routing) wired.routing = wiredRouting(field.routing);
	if (field.options && field.type === 'options') {
		// RoutingNode also runs the routing of the chosen value of an options field.
		wired.options = (field.options as INodePropertyOptions[]).map((option) =>
			option.routing ? { ...option, routing: wiredRouting(option.routing) } : option,
		);
	}
	if (field.options && (field.type === 'collection' || field.type === 'fixedCollection')) {
		wired.options = (field.options as Array<INodeProperties | INodePropertyCollection>).map((option) =>
			'values' in option
				? { ...option, values: option.values.map(wiredField) }
				: wiredField(option as INodeProperties),
		);
	}
	return wired;
}

/**
 * One operation, wired into the request path so that it cannot skip it: `paginate` makes n8n's
 * RoutingNode hand the request to sendRequest (retries, a concurrency slot, pairedItem, input
 * errors reported for their item); every preSend hook, the operation's and its fields', runs
 * in sendRequest when the request's turn comes, and an error there is reported for its item and
 * nothing is sent; rejectUnsuccessfulAnswer sees every answer first.
 */
export function defineOperation(resource: string, definition: OperationDefinition): Operation {
	const { name, value, action, description, request, properties, preSend = [], postReceive, answersWithList = false } = definition;
	return {
		resource,
		definition,
		option: {
			name,
			value,
			action,
			description,
			routing: {
				request,
				send: { paginate: true, preSend: preSend.map(onRequestPath) },
				output: { postReceive: [answersWithList ? rejectUnsuccessfulAnswerOrList : rejectUnsuccessfulAnswer, ...postReceive] },
			},
		},
		properties: updateDisplayOptions(
			{ show: { resource: [resource], operation: [value] } },
			properties.map(wiredField),
		),
	};
}

/** A resource: its Operation selector (the first operation is the default) and its operations' fields. */
export function defineResource(
	{ name, value, description }: Pick<Resource, 'name' | 'value' | 'description'>,
	operations: Array<(resource: string) => Operation>,
): Resource {
	const built = operations.map((operation) => operation(value));
	const firstOperation = built[0].option.value;
	return {
		name,
		value,
		description,
		operations: built,
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [value] } },
				default: firstOperation,
				options: built.map(({ option }) => option),
			},
			...built.flatMap(({ properties }) => properties),
		],
	};
}

/** The node's Resource selector; the first resource is the default. */
export function resourceSelector(resources: Resource[]): INodeProperties {
	const firstResource = resources[0].value;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: firstResource,
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
	};
}

/**
 * The canvas subtitle, from the operation list: the operation's action ("Message a model"),
 * then the model where the operation has one and it is set. ($parameter gives a resource
 * locator's value, not the locator object.)
 */
export function subtitleOf(resources: Resource[]): string {
	const operations = resources.flatMap(({ operations }) => operations);
	const key = (operation: Operation) => `${operation.resource}:${operation.option.value}`;
	const actions = Object.fromEntries(operations.map((operation) => [key(operation), operation.option.action]));
	const withModel = operations.filter(({ definition }) => definition.namesModel).map(key);
	const selected = '$parameter["resource"] + ":" + $parameter["operation"]';
	return (
		`={{ ${JSON.stringify(actions)}[${selected}]` +
		` + (${JSON.stringify(withModel)}.includes(${selected}) && $parameter["model"] ? ": " + $parameter["model"] : "") }}`
	);
}

/**
 * n8n's `customOperations` for the given operations: each runs with IExecuteFunctions instead
 * of RoutingNode, building the same request from its own fields only and sending it through
 * the same request path (shared/transport/routedOperation.ts). The description is unchanged:
 * the editor, and tool mode where n8n runs RoutingNode itself, still use the routing.
 */
export function customOperationsOf(
	description: () => INodeTypeDescription,
	resources: Resource[],
	switched: (operation: Operation) => boolean = () => true,
): NonNullable<INodeType['customOperations']> {
	const operations: NonNullable<INodeType['customOperations']> = {};
	for (const { value: resource, operations: ofResource } of resources) {
		for (const operation of ofResource) {
			if (!switched(operation)) continue;
			operations[resource] ??= {};
			operations[resource][operation.option.value as string] = routedOperation(description, operation.option, operation.properties);
		}
	}
	return operations;
}
