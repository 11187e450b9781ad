import type { INodeProperties, INodeTypeDescription, NodeConnectionType } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './transport/runCredentials';

/**
 * What the package's AI sub-nodes share in their description: the icon, the credential, no
 * inputs, one AI output, the model as the subtitle, and n8n's hint that says where the node
 * plugs in (`hint`, in the wording and class n8n's own sub-nodes use) before their fields.
 */
export function subNodeDescription({
	displayName,
	name,
	description,
	output,
	outputName,
	hint,
	properties,
}: Pick<INodeTypeDescription, 'displayName' | 'name' | 'description' | 'properties'> & {
	output: NodeConnectionType;
	outputName: string;
	hint: string;
}): INodeTypeDescription {
	const notice: INodeProperties = {
		displayName: hint,
		name: 'notice',
		type: 'notice',
		default: '',
		typeOptions: { containerClass: 'ndv-connection-hint-notice' },
	};
	return {
		displayName,
		name,
		icon: {
			light: 'file:../../icons/digitalOceanGradient.svg',
			dark: 'file:../../icons/digitalOceanGradient.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] }}',
		description,
		defaults: { name: displayName },
		inputs: [],
		outputs: [output],
		outputNames: [outputName],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [notice, ...properties],
	};
}
