import type { IDataObject, INode } from 'n8n-workflow';

import { apiErrorFor } from '../shared/transport/answers';
import { isPlainObject } from '../shared/input';

/** A failed model request as n8n's AI SDK hands it over: the OpenAI client's error. */
interface FailedModelRequest {
	status?: number;
	error?: unknown;
	message?: string;
	retriesLeft?: number;
}

/**
 * What is left of the answer's body. The client keeps an OpenAI-style body's `error` field; of
 * DigitalOcean's own bodies ({id, message}) it keeps nothing ("401 status code (no body)").
 */
function bodyOf({ error, message = '' }: FailedModelRequest): IDataObject | string {
	if (error !== undefined && error !== null) return { error } as IDataObject;
	const text = message
		.replace(/^\d{3} /, '')
		.replace(/\s*Troubleshooting URL: \S+\s*$/, '')
		.trim();
	if (text === '' || text === 'status code (no body)') return {};
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return text;
	}
}

const isRetried = (status: number) => status === 429 || status >= 500;

/**
 * Called by the SDK after each failed attempt. Rate limits and server errors are retried until
 * `maxRetries` retries have been spent by this model; any other API error, and the one that
 * exhausts the retries, becomes the error the DigitalOcean Gradient node gives for it. Network
 * failures are left to n8n.
 *
 * The count is kept here because the SDK hands over the error without the retrier's count, and
 * n8n's handler, which runs next, treats an error without one as the last.
 */
export function onFailedAttempt(node: INode, model: string, maxRetries: number) {
	let retriesSpent = 0;
	return (failure: unknown): void => {
		if (!isPlainObject(failure) && !(failure instanceof Error)) return;
		const attempt = failure as FailedModelRequest;
		if (typeof attempt.status !== 'number') return;
		if (isRetried(attempt.status) && retriesSpent < maxRetries) {
			retriesSpent++;
			attempt.retriesLeft = maxRetries - retriesSpent + 1;
			return;
		}
		const error = apiErrorFor(node, { statusCode: attempt.status, body: bodyOf(attempt) }, { model });
		if (error) throw error;
	};
}
