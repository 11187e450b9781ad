// Running N prompts through a node in n8n's engine, against the stand-in process.
import type { INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { chatParameters } from '../test/harness/parameters.cjs';
import { runNode, testCredentials } from '../test/harness/runNode.cjs';
import type { StandInProcess } from './standInProcess.cjs';

export const prompts = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: { q: `benchmark prompt ${i}` } }));

/** Runs `count` items through our node (or `nodeType`); fails loudly if any item failed. */
export async function runPrompts(
	standIn: StandInProcess,
	count: number,
	{ concurrency, nodeType, parameters }: { concurrency?: number; nodeType?: INodeType; parameters?: INodeParameters } = {},
): Promise<number> {
	const { items, error } = await runNode({
		parameters:
			parameters ??
			chatParameters({
				prompt: '={{ $json.q }}',
				...(concurrency ? { requestOptions: { maxConcurrentRequests: concurrency } } : {}),
			}),
		input: prompts(count),
		credentials: testCredentials({ baseUrl: standIn.url, apiKey: standIn.key }),
		nodeType,
	});
	if (error) throw error;
	const failed = items.filter(({ json }) => json.error !== undefined);
	if (items.length !== count || failed.length > 0) {
		throw new Error(`${count} prompts gave ${items.length} items, ${failed.length} failed`);
	}
	return items.length;
}
