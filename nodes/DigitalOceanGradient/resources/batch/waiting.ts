import type { IDataObject, IExecuteSingleFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BATCH_URL, batchSubject, batchUrl, isTerminal, RESULTS_URL, toBatchItem } from './batches';
import { resultLines, type Results } from './results';
import type { FollowUps } from '../../../shared/transport/followUps';
import { runCredentials } from '../../../shared/transport/runCredentials';
import { withoutSecret } from '../../../shared/transport/secrets';
import { maxWaitMsOf, maxWaitOption, pollUntil, switchOf } from '../waiting';

/** A batch's status is first checked this long after it was created; each wait after is twice the last, up to MAX_POLL_MS. */
export const FIRST_POLL_MS = 1_000;
export const MAX_POLL_MS = 30_000;
export const DEFAULT_MAX_WAIT_SECONDS = 3_600;

/** Wait for Completion: shown on Create and Get Results, off by default (a batch may take up to 24 hours). */
export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description:
		'Whether to wait until the batch is done and output its answers, one item per request. Off: Create outputs the batch at once, and Get Results fails for a batch not yet done. A batch may take up to 24 hours: for large ones, collect the answers in a later execution.',
};

export const batchMaxWaitOption = maxWaitOption(
	DEFAULT_MAX_WAIT_SECONDS,
	'How long to wait for the batch before failing with its ID (collect it later with Get Results). The status is checked after 1 s, then every 2, 4, 8… s, at most every 30 s.',
);

export const waitsFor = (context: IExecuteSingleFunctions) => switchOf(context, 'waitForCompletion', 'Wait for Completion', false);
export const batchMaxWaitMsOf = (context: IExecuteSingleFunctions, optionsName: string) =>
	maxWaitMsOf(context, `${optionsName}.maxWaitSeconds`, DEFAULT_MAX_WAIT_SECONDS);

const counts = (batch: IDataObject) => {
	const { total, completed, failed } = (batch.request_counts ?? {}) as IDataObject;
	return typeof total === 'number' && total > 0 ? `, ${Number(completed ?? 0) + Number(failed ?? 0)} of ${total} requests done` : '';
};

function notDoneYet(context: IExecuteSingleFunctions, batch: IDataObject, waitedMs?: number) {
	const id = String(batch.batch_id);
	const waited = waitedMs === undefined ? 'is not done yet' : `did not finish within ${waitedMs / 1000} s`;
	return new NodeOperationError(context.getNode(), `Batch "${id}" ${waited} (status ${String(batch.status)}${counts(batch)}) [item ${context.getItemIndex()}]`, {
		itemIndex: context.getItemIndex(),
		description: `DigitalOcean gives a batch up to 24 hours. Collect its answers later with Batch → Get Results and Batch ID ${id} (e.g. from a second schedule), or ${
			waitedMs === undefined ? 'turn Wait for Completion on' : 'raise Maximum Wait'
		}.`,
	});
}

/** The error for a batch that failed as a whole (a malformed line, a refused file), with DigitalOcean's reasons and what they mean. */
function batchFailed(context: IExecuteSingleFunctions, batch: IDataObject) {
	const errors = Array.isArray(batch.errors) ? (batch.errors as IDataObject[]) : [];
	const reasons = errors
		.slice(0, 3)
		.map(({ line, code, message }) => `${line ? `line ${String(line)}: ` : ''}${[code, message].filter(Boolean).join(': ')}`)
		.join('; ');
	const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
	return new NodeOperationError(context.getNode(), `Batch "${String(batch.batch_id)}" ${String(batch.status)}${reasons ? `: ${reasons}${more}` : ''} [item ${context.getItemIndex()}]`, {
		itemIndex: context.getItemIndex(),
		description: errors.some(({ line }) => line)
			? 'A line of the batch file was refused, so none of its requests ran. The line numbers count from 1, in the order of the input items.'
			: `DigitalOcean failed the batch as a whole${reasons ? ' for the reason above' : ' without giving a reason'}, so none of its requests ran: create it again, and if it fails again, ask DigitalOcean's support about batch "${String(batch.batch_id)}".`,
	});
}

const statusOf = (batch: IDataObject) => String(batch.status).trim().toLowerCase();

/**
 * The batch once it has ended: polled (GET /v1/batches/{id}) until then, or until `deadline`
 * (the wait's end, shared with the results' wait); not at all without a deadline (no waiting).
 */
export async function endedBatch(
	context: IExecuteSingleFunctions,
	batch: IDataObject,
	followUps: FollowUps,
	deadline: number | undefined,
): Promise<IDataObject> {
	const id = String(batch.batch_id);
	if (isTerminal(batch.status)) return batch;
	if (deadline === undefined) throw notDoneYet(context, batch);
	const maxWaitMs = deadline - Date.now();
	return await pollUntil(followUps, batch, {
		firstPollMs: FIRST_POLL_MS,
		maxPollMs: MAX_POLL_MS,
		maxWaitMs,
		isDone: (last) => isTerminal(last.status),
		timedOut: (last) => notDoneYet(context, last, Math.round(maxWaitMs / 1000) * 1000),
		poll: async () => (await followUps.send({ method: 'GET', url: batchUrl(BATCH_URL, id), subject: batchSubject(id) }, toBatchItem))[0].json,
	});
}

const RESULT_FILES_HINT =
	'The download links are short-lived: run the node again for new ones. DigitalOcean keeps result files up to 30 days after the batch completes.';

/**
 * An ended batch's result lines, output file then error file. "Not ready" (412, or
 * result_available false, which may come just after the batch ended) is asked again on the
 * polling's schedule while the wait lasts.
 */
export async function resultsOf(
	context: IExecuteSingleFunctions,
	batch: IDataObject,
	followUps: FollowUps,
	deadline: number | undefined,
): Promise<Results> {
	const id = String(batch.batch_id);
	if (statusOf(batch) === 'failed') throw batchFailed(context, batch);
	// Cancelled or expired before anything was answered: no files to ask for.
	if (['cancelled', 'expired'].includes(statusOf(batch)) && batch.output_file_id == null && batch.error_file_id == null) return { lines: [], unreadable: [] };
	const ask = async (): Promise<IDataObject | undefined> => {
		try {
			const [{ json }] = await followUps.send({ method: 'GET', url: batchUrl(RESULTS_URL, id), subject: batchSubject(id) });
			return json.result_available === true ? json : undefined;
		} catch (error) {
			const failure = error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
			if (failure.httpCode === '412') return undefined;
			throw failure;
		}
	};
	const noResults = () =>
		new NodeOperationError(context.getNode(), `Batch "${id}" is ${String(batch.status)} but its results are not available [item ${context.getItemIndex()}]`, {
			itemIndex: context.getItemIndex(),
			description: 'DigitalOcean did not give download links for its result files. Try Batch → Get Results again in a moment.',
		});
	let links = await ask();
	if (!links && deadline !== undefined) {
		links = await pollUntil(followUps, links, { firstPollMs: FIRST_POLL_MS, maxPollMs: MAX_POLL_MS, maxWaitMs: deadline - Date.now(), poll: ask, isDone: Boolean, timedOut: noResults });
	}
	if (!links) throw noResults();
	const secret = (await runCredentials(context)).apiKey;
	const results: Results = { lines: [], unreadable: [] };
	for (const [file, url] of [['output', links.output_file_url], ['error', links.error_file_url]] as const) {
		if (typeof url !== 'string' || url === '') continue;
		const { bytes } = await followUps.download(url, RESULT_FILES_HINT);
		// A request's error may quote what it was sent with (a proxy echoing its headers): never the key.
		const { lines, unreadable } = resultLines(context, withoutSecret(bytes.toString('utf8'), secret), file);
		results.lines.push(...lines);
		results.unreadable.push(...unreadable);
	}
	return results;
}
