import type { IDataObject, INode } from 'n8n-workflow';

import { isPlainObject } from '../shared/input';
import { apiErrorFor } from '../shared/transport/answers';
import { decideRetry, gaveUpNote } from '../shared/transport/retryPolicy';
import { withoutSecret } from '../shared/transport/secrets';

/** A failed model request as n8n's AI SDK hands it over: the OpenAI client's error. */
interface FailedModelRequest {
	status?: number;
	error?: unknown;
	message?: string;
	headers?: unknown;
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

/** The answer's headers as a plain object (the client gives a fetch `Headers`). */
function headersOf({ headers }: FailedModelRequest): Record<string, unknown> | undefined {
	if (headers && typeof (headers as Headers).forEach === 'function') {
		const plain: Record<string, string> = {};
		(headers as Headers).forEach((value, name) => (plain[name.toLowerCase()] = value));
		return plain;
	}
	return isPlainObject(headers) ? headers : undefined;
}

/**
 * The Chat Model's side of DigitalOcean's retry policy, for the requests an agent or chain
 * makes with it for one item. Which answers are retried, and how the final error is worded
 * (attempts included), is the node's rule (retryPolicy); Max Retries is spent once across those
 * requests; the waits between attempts are LangChain's.
 *
 * The counts are kept here because the SDK hands over the error without the retrier's count,
 * and n8n's handler, which runs next, treats an error without one as the last.
 */
export class ModelRetries {
	private retriesSpent = 0;

	private attemptsOfThisRequest = 0;

	constructor(
		private readonly node: INode,
		private readonly model: string,
		private readonly maxRetries: number,
		/** The model access key, hidden wherever an answer quotes it. */
		private readonly secret: string,
	) {}

	/** A new request begins (not a retry of the last one). */
	requestStarted(): void {
		this.attemptsOfThisRequest = 0;
	}

	/**
	 * Called by the SDK after each failed attempt. A retryable answer with retries left is sent
	 * again; any other API error, and the one that exhausts the retries, becomes the error the
	 * DigitalOcean Gradient node gives for it. Network failures are left to n8n.
	 */
	readonly onFailedAttempt = (failure: unknown): void => {
		if (!isPlainObject(failure) && !(failure instanceof Error)) return;
		const attempt = failure as FailedModelRequest;
		if (typeof attempt.status !== 'number') {
			// A failure without an answer (a dropped stream, a network error) is worded by n8n
			// from the error itself: hide the key in what it will read.
			if (typeof attempt.message === 'string') attempt.message = withoutSecret(attempt.message, this.secret);
			if (attempt.error !== undefined) attempt.error = withoutSecret(attempt.error, this.secret);
			return;
		}
		this.attemptsOfThisRequest++;
		const decision = decideRetry(
			{ statusCode: attempt.status, headers: headersOf(attempt) },
			this.retriesSpent,
			this.maxRetries,
		);
		if (decision.retry) {
			this.retriesSpent++;
			attempt.retriesLeft = this.maxRetries - this.retriesSpent + 1;
			return;
		}
		const note = gaveUpNote(this.attemptsOfThisRequest, decision);
		this.requestStarted();
		const body = withoutSecret(bodyOf(attempt), this.secret);
		const error = apiErrorFor(this.node, { statusCode: attempt.status, body }, { model: this.model, note });
		if (error) throw error;
	};
}

/** The part of LangChain's ChatOpenAI (inside n8n's AI SDK) that sends each request, retries included. */
interface CompletionsClient {
	completionWithRetry?(...args: unknown[]): Promise<unknown>;
}

/**
 * Tells `retries` when a new request begins, so that the attempts it counts are this request's.
 * Uses the method LangChain sends every chat request through; the copies LangChain makes when
 * the agent binds its tools are built from the model's fields, so the patched client goes there
 * too. Without that method the attempts are counted since the last error. (An agent's calls on
 * one model follow each other; calls made in parallel would share the count.)
 */
export function countAttemptsPerRequest(model: unknown, retries: ModelRetries): void {
	const chatModel = model as { completions?: CompletionsClient; fields?: Record<string, unknown> } | undefined;
	const completions = chatModel?.completions;
	const send = completions?.completionWithRetry;
	if (!completions || typeof send !== 'function') return;
	completions.completionWithRetry = (...args: unknown[]) => {
		retries.requestStarted();
		return send.apply(completions, args);
	};
	if (chatModel.fields) chatModel.fields.completions = completions;
}
