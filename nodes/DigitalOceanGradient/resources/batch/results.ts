import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isPlainObject, preview } from '../../../shared/input';
import { answerError, apiMessageOf } from '../../../shared/transport/answers';
import { type ChatCompletion, chatItemsOf } from '../chat/replies';

/** One line of a batch's output or error file, in OpenAI's batch output form. */
export interface ResultLine {
	custom_id: string;
	response?: { status_code?: number; body?: unknown } | null;
	error?: { code?: string; message?: string } | null;
}

/** A batch's result lines, and an error for each line of its files that is not a result (one unreadable line costs no other its answer). */
export interface Results {
	lines: ResultLine[];
	unreadable: NodeApiError[];
}

/** A result file's lines, read as JSON; each that is not a result with a custom_id is an error naming the file and the line. */
export function resultLines(context: IExecuteSingleFunctions, text: string, file: string): Results {
	const results: Results = { lines: [], unreadable: [] };
	text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.forEach((line, index) => {
			let parsed: unknown;
			try {
				parsed = JSON.parse(line);
			} catch {
				parsed = undefined;
			}
			if (isPlainObject(parsed) && typeof parsed.custom_id === 'string') {
				results.lines.push(parsed as unknown as ResultLine);
				return;
			}
			results.unreadable.push(
				answerError(context.getNode(), { line: preview(line) }, {
					message: `Line ${index + 1} of the batch's ${file} file is not a result with a custom_id`,
					description: `It reads: "${preview(line)}". The file was cut off or garbled on its way: run Batch → Get Results again for a new copy.`,
					itemIndex: context.getItemIndex(),
				}),
			);
		});
	return results;
}

/** Why a line failed, in DigitalOcean's words, or undefined when it was answered. */
function failureOf({ response, error }: ResultLine): string | undefined {
	if (error) return [error.code, error.message].filter(Boolean).join(': ') || 'failed';
	const status = response?.status_code;
	if (!response || typeof status !== 'number') return 'no answer';
	if (status >= 200 && status < 300) return undefined;
	return `HTTP ${status}${apiMessageOf(response.body) ? `: ${apiMessageOf(response.body)}` : ''}`;
}

/** The error of one line of a batch: which line, which batch, what went wrong. */
export function lineError(context: IExecuteSingleFunctions, batchId: string, customId: string, reason: string, body: unknown = {}): NodeApiError {
	return answerError(context.getNode(), body, {
		message: `The request "${customId}" of batch "${batchId}" failed: ${reason}`,
		description: 'The other requests of the batch are not affected. Fix this one and send it again (Chat → Message a Model, or a new batch).',
		itemIndex: context.getItemIndex(),
	});
}

/**
 * A line's items, as Chat Completion gives them (Simplify, Output Content as JSON), each with
 * its custom_id first; or the line's error.
 */
export function lineItems(context: IExecuteSingleFunctions, batchId: string, line: ResultLine): INodeExecutionData[] | NodeApiError {
	const reason = failureOf(line);
	if (reason) return lineError(context, batchId, line.custom_id, reason, line.response?.body ?? line.error ?? {});
	try {
		return chatItemsOf(context, line.response!.body as ChatCompletion).map(({ json }) => ({ json: { custom_id: line.custom_id, ...json } }));
	} catch (error) {
		return lineError(context, batchId, line.custom_id, (error as Error).message, line.response?.body);
	}
}

/** The error item of a failed line, for On Error: Continue (n8n keeps only the message in its json, which names the custom_id). */
export const errorItem = (error: NodeApiError): INodeExecutionData => ({ json: { error: error.message }, error });

/** custom_ids in their natural order: item-2 before item-10, as the lines were made. */
export const naturalOrder = (a: ResultLine, b: ResultLine) => a.custom_id.localeCompare(b.custom_id, 'en', { numeric: true });
