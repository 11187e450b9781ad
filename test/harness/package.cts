import { PackageDirectoryLoader, RoutingNode } from 'n8n-core';
import type { ExecuteContext } from 'n8n-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ICredentialType, INode, INodeParameters, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { AGENT_CREDENTIAL_TYPE } from './agentCredentials.cjs';

export const PACKAGE_DIR = path.resolve(__dirname, '../..');
export const NODE_TYPE = 'n8n-nodes-digitalocean-gradient.digitalOceanGradient';
export const CREDENTIAL_TYPE = 'digitalOceanGradientApi';

/** How a node refers to its saved credential: by id and name, never by its data. */
export const CREDENTIAL_REFERENCE = {
	[CREDENTIAL_TYPE]: { id: '1', name: 'DigitalOcean Gradient account' },
	[AGENT_CREDENTIAL_TYPE]: { id: '2', name: 'DigitalOcean Gradient Agent account' },
};

/** A node of one of our types, alone in a workflow of its own, with the test credential. */
export function workflowWithNode(
	nodeTypes: INodeTypes,
	parameters: INodeParameters,
	{ type = NODE_TYPE, name = 'DigitalOcean Gradient' }: { type?: string; name?: string } = {},
): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'uuid-1234',
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: CREDENTIAL_REFERENCE,
	};
	return { node, workflow: new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes }) };
}

interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialType(name: string): ICredentialType;
	nodeType: INodeType;
}

let loaded: Promise<LoadedPackage> | undefined;

/**
 * What n8n's server does to a declarative node when it hands it out (NodeTypes in
 * packages/cli): give it an `execute` that runs RoutingNode on the node's ExecuteContext. That
 * context carries the execution's cancel signal; n8n-core's fallback for tests does not.
 */
export function withRoutingExecute(nodeType: INodeType): INodeType {
	if (!nodeType.execute && nodeType.description.requestDefaults !== undefined) {
		nodeType.execute = async function (this: ExecuteContext) {
			return (await new RoutingNode(this, nodeType).runNode()) ?? [];
		} as INodeType['execute'];
	}
	return nodeType;
}

/**
 * The built package, loaded by n8n's own loader as an installed community package is: from the
 * `n8n` section of package.json, with the options n8n adds to declarative nodes.
 */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		if (!existsSync(path.join(PACKAGE_DIR, 'dist/nodes'))) {
			throw new Error('dist/ is missing: run "npm run build" (npm test does it for you)');
		}
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const byFullName = (name: string): INodeType | IVersionedNodeType => {
			const [packageName, shortName] = name.split('.');
			if (packageName !== loader.packageName) throw new Error(`Unknown node type ${name}`);
			return withRoutingExecute(loader.getNode(shortName).type as INodeType);
		};
		const nodeTypes: INodeTypes = {
			getByName: byFullName,
			getByNameAndVersion: (name, version) =>
				NodeHelpers.getVersionedNodeType(byFullName(name), version),
			getKnownTypes: () => ({}),
		};
		return {
			nodeTypes,
			credentialType: (name) => loader.getCredential(name).type,
			nodeType: nodeTypes.getByNameAndVersion(NODE_TYPE, 1),
		};
	})();
	return await loaded;
}
