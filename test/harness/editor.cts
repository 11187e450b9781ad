import { ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { testAdditionalData } from './additionalData.cjs';
import { CREDENTIAL_REFERENCE, CREDENTIAL_TYPE, loadPackage, NODE_TYPE, workflowWithNode } from './package.cjs';
import { testCredentials } from './runNode.cjs';

/** lodash's get, as n8n's CredentialsTester reads a rule's key (lodash comes with n8n-workflow). */
const get: (value: unknown, path: string) => unknown = require('lodash/get');

/**
 * What the editor's Model picker receives: the list-search method that the Model field shown for
 * `currentNodeParameters` names in its list mode, called the way n8n's DynamicNodeParametersService
 * calls it for POST /rest/dynamic-node-parameters/resource-locator-results.
 */
export async function searchModelList(
	filter?: string,
	credentials = testCredentials(),
	currentNodeParameters: INodeParameters = { resource: 'chat', operation: 'complete' },
	type = NODE_TYPE,
): Promise<INodeListSearchResult> {
	const { nodeTypes, credentialType } = await loadPackage();
	const nodeType = nodeTypes.getByNameAndVersion(type, 1);
	const { node, workflow } = workflowWithNode(nodeTypes, currentNodeParameters, { type, name: 'Temp-Node' });
	const field = nodeType.description.properties.find(
		(property) => property.name === 'model' && NodeHelpers.displayParameter(currentNodeParameters, property, node, nodeType.description),
	);
	const methodName = field?.modes?.find(({ name }) => name === 'list')?.typeOptions?.searchListMethod;
	if (!methodName) throw new Error(`${type} shows no Model list for ${JSON.stringify(currentNodeParameters)}`);
	const method = nodeType.methods?.listSearch?.[methodName];
	if (!method) throw new Error(`${type} does not register ${methodName}, the list method its Model field names`);
	const context = new LoadOptionsContext(
		workflow,
		node,
		testAdditionalData(credentials, credentialType),
		'parameters.model',
	);
	return await method.call(context, filter);
}

/**
 * The credential's "Test" button, following n8n's CredentialsTester for a credential with a
 * `test` request: the request runs through RoutingNode on a bare node type (n8n uses NoOp), and
 * any error becomes an "Error" result.
 */
export async function testCredential(
	data: ICredentialDataDecryptedObject,
	type = CREDENTIAL_TYPE,
): Promise<INodeCredentialTestResult> {
	const { credentialType } = await loadPackage();
	const { test } = credentialType(type);
	const tempNodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test!.request }, default: '' },
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => tempNodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(tempNodeType),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: tempNodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: CREDENTIAL_REFERENCE,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		type === CREDENTIAL_TYPE ? testAdditionalData(data, credentialType) : testAdditionalData(testCredentials(), credentialType, undefined, [], data),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { ...CREDENTIAL_REFERENCE[type as keyof typeof CREDENTIAL_REFERENCE], type, data };
	let items: unknown;
	try {
		items = await new RoutingNode(context, tempNodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const status: number | undefined = error.cause?.response?.status;
		if (status !== undefined) {
			const rule = test!.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			if (status < 199 || status > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message };
	}
	// n8n's rules on a successful answer: the first item's json (the body, or its first entry
	// where it is a list) read with lodash's get.
	const answer = (items as INodeExecutionData[][] | null | undefined)?.[0]?.[0]?.json;
	for (const rule of test!.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && get(answer, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * The subtitle the editor's canvas shows under the node: n8n evaluates the description's
 * `subtitle` with `getSimpleParameterValue` over the node's parameters as they are saved.
 */
export async function canvasSubtitle(parameters: INodeParameters): Promise<unknown> {
	const { nodeTypes, nodeType } = await loadPackage();
	const { node, workflow } = workflowWithNode(nodeTypes, parameters);
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle, 'internal', {});
}
