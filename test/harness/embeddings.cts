import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EMBEDDING_MODEL_ID } from './parameters.cjs';
import { testCredentials } from './runNode.cjs';
import { supplySubNode } from './subNode.cjs';

export const EMBEDDINGS_NODE_TYPE = 'n8n-nodes-digitalocean-gradient.digitalOceanGradientEmbeddings';

/** What n8n's vector stores call on an embeddings connection. */
export interface SuppliedEmbeddings {
	embedDocuments(documents: unknown[]): Promise<number[][]>;
	embedQuery(query: unknown): Promise<number[]>;
}

/** The Embeddings sub-node as a vector store gets it, set to the test embedding model unless overridden. */
export async function supplyEmbeddings(
	parameters: INodeParameters = {},
	credentials: ICredentialDataDecryptedObject = testCredentials(),
) {
	const supplied = await supplySubNode(
		EMBEDDINGS_NODE_TYPE,
		'DigitalOcean Gradient Embeddings',
		NodeConnectionTypes.AiEmbedding,
		{ model: { __rl: true, mode: 'list', value: EMBEDDING_MODEL_ID }, options: {}, ...parameters },
		credentials,
	);
	return { ...supplied, embeddings: supplied.response as SuppliedEmbeddings };
}
