import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidInput, textOf } from '../input';

// The Model Affinity option of the node's Chat and of the Chat Model, worded the same.

/** The header with which an inference router gives later requests of a conversation the model it picked first. */
export const MODEL_AFFINITY_HEADER = 'X-Model-Affinity';

/** What an HTTP header value may hold: Node.js refuses to send a request with anything else in one. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** What is wrong with an affinity value (already trimmed) as a header, or undefined. */
export const modelAffinityProblem = (affinity: string): string | undefined =>
	HEADER_VALUE.test(affinity) ? undefined : 'has a line break or another character an HTTP header cannot carry';

/** preSend for Model Affinity: the X-Model-Affinity header, trimmed, when the value is not empty. */
export async function sendModelAffinity(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const affinity = textOf(this, 'Model Affinity', this.getNodeParameter('options.modelAffinity', '')).trim();
	if (affinity === '') return requestOptions;
	const problem = modelAffinityProblem(affinity);
	if (problem) throw invalidInput(this, 'Model Affinity', problem);
	requestOptions.headers = { ...requestOptions.headers, [MODEL_AFFINITY_HEADER]: affinity };
	return requestOptions;
}

export const modelAffinityOption: INodeProperties = {
	displayName: 'Model Affinity',
	name: 'modelAffinity',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.sessionId }}',
	description:
		'For an inference router as the model (inference-router or router:…, entered by ID): requests with the same value, such as a conversation\'s ID, get the model the router picked for the first of them. Sent as the X-Model-Affinity header.',
	routing: { send: { preSend: [sendModelAffinity] } },
};
