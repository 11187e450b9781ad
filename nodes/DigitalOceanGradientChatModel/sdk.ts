import type { ISupplyDataFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type AiNodeSdk = typeof import('@n8n/ai-node-sdk');

/**
 * n8n's AI node SDK, which n8n provides from version 2.16 on. Loaded only when the model is
 * used, so that the package, and the DigitalOcean Gradient node, still load on older n8n.
 */
export async function loadAiNodeSdk(context: ISupplyDataFunctions): Promise<AiNodeSdk> {
	try {
		return await import('@n8n/ai-node-sdk');
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
		throw new NodeOperationError(
			context.getNode(),
			missing ? 'The DigitalOcean Gradient Chat Model needs n8n 2.16 or newer' : (error as Error),
			missing
				? {
						description:
							"It is built on n8n's AI node SDK, which this n8n does not have. Update n8n, or call the model with the DigitalOcean Gradient node (Chat → Message a Model).",
					}
				: {},
		);
	}
}
