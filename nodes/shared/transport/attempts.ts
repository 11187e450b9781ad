import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { AdaptiveSlots, Outcome } from './concurrency';
import { apiErrorFor, type Subject, UnsuccessfulAnswer } from './answers';
import { refusedByQuota } from './quotaHeaders';
import {
	decideRetry,
	type FailedAttempt,
	gaveUpNote,
	rateLimitResetMs,
	type RetryDecision,
	wasTurnedAway,
} from './retryPolicy';

/** What the retry policy needs to know about a failed attempt: the answer, or the network error. */
export function failureOf(error: unknown): FailedAttempt {
	if (error instanceof UnsuccessfulAnswer) {
		const { statusCode, headers } = error.answer;
		return { statusCode, headers };
	}
	const cause = (error as { cause?: { code?: unknown } }).cause;
	const code = cause?.code ?? (error as { code?: unknown }).code;
	return { networkCode: typeof code === 'string' ? code : undefined };
}

/**
 * Waits before a retry; a cancelled execution ends the wait at once. (Newer n8n's `sleep`
 * takes the signal itself and clears its timer; the race keeps older ones prompt too.)
 */
export async function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	signal.throwIfAborted();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * How often one request may be turned away for the node's own reach (more requests in flight
 * than the API admits, found out by the limiter) without spending a retry: a bound, so that
 * every request ends.
 */
const MAX_FREE_REFUSALS = 20;

export interface AttemptSettings {
	slots: AdaptiveSlots;
	maxRetries: number;
	signal?: AbortSignal;
	/** Called when the first attempt has its slot, just before it is sent. */
	onFirstSlot?: () => void;
	/** The error for a request that is not sent again: from its last failure, a note on its attempts, and why it is not. */
	giveUp: (failure: unknown, note: string, decision: RetryDecision) => Error;
	/** Sent again only when it was certainly not carried out (wasTurnedAway): a request that makes something to pay for. */
	onlyIfTurnedAway?: boolean;
}

/**
 * Sends one request with DigitalOcean's retry policy; `send` makes one attempt and throws
 * UnsuccessfulAnswer for an answer it cannot use. Each attempt holds a concurrency slot, given
 * back whatever happens; a retry waits without one (others use it meanwhile) and then goes
 * before requests not yet tried. A 429 that showed the node was sending more than the API
 * admits lowers the limit and is sent again without spending one of Max Retries; so is a 429
 * from a quota bucket the API announces (the pacer, pacer.ts, misjudged it), after the wait
 * the API asks for. Throws what `giveUp` makes of the last failure when the request is not
 * sent again.
 */
export async function sendWithRetries<T>(
	send: () => Promise<T>,
	{ slots, maxRetries, signal, onFirstSlot, giveUp, onlyIfTurnedAway = false }: AttemptSettings,
): Promise<T> {
	let retriesDone = 0;
	let freeRefusals = 0;
	for (let attempts = 1; ; attempts++) {
		const slot = await slots.acquire(signal, { retry: attempts > 1 });
		if (signal?.aborted) {
			// Stopped while the slot was on its way: nothing is sent.
			slot.release('not sent');
			signal.throwIfAborted();
		}
		if (attempts === 1) onFirstSlot?.();
		let outcome: Outcome = 'failed';
		let decision: RetryDecision;
		try {
			const answer = await send();
			outcome = 'answered';
			return answer;
		} catch (error) {
			const failure = failureOf(error);
			const byQuota = refusedByQuota(failure.statusCode, failure.headers);
			if (failure.statusCode === 429) outcome = byQuota ? 'paced' : 'turned away';
			const { overreached } = slot.release(outcome);
			// With Max Retries 0 nothing is sent again, whatever turned it away.
			const free = (overreached || byQuota) && maxRetries > 0 && freeRefusals < MAX_FREE_REFUSALS;
			decision = free
				? decideRetry(failure, freeRefusals, MAX_FREE_REFUSALS)
				: decideRetry(failure, retriesDone, maxRetries);
			// Worth sending again, but perhaps carried out already: not for a request that makes something to pay for.
			if (decision.retry && onlyIfTurnedAway && !wasTurnedAway(failure)) decision = { retry: false, reason: 'may have been carried out' };
			if (!decision.retry || signal?.aborted) throw giveUp(error, gaveUpNote(attempts, decision), decision);
			if (free) freeRefusals += 1;
			else retriesDone += 1;
			if (outcome === 'turned away') slots.waitedAfterRefusal(decision.waitMs);
			if (outcome === 'turned away' && !overreached) {
				// Turned away alone: the API admits nothing until then (the rate-limit reset where it
				// says, which is exact, else the wait). Every slot waits, this request first in line.
				const reset = rateLimitResetMs(failure.headers, Date.now());
				slots.pause(reset !== undefined && reset > 0 ? Math.min(reset, decision.waitMs) : decision.waitMs);
				continue;
			}
		} finally {
			slot.release(outcome);
		}
		await waitUnlessAborted(decision.waitMs, signal);
	}
}

/**
 * The one error the user sees for a failed request, worded once: what the API answered (with the
 * model the request was for) or what n8n said about the connection, the item, and the attempts.
 * `hint`, where given, says what to do instead of the usual advice for the failure.
 */
export function failureError(
	node: INode,
	error: unknown,
	{ model, subject, itemIndex, note = '', hint }: { model?: string; subject?: Subject; itemIndex?: number; note?: string; hint?: string },
): Error {
	if (error instanceof UnsuccessfulAnswer) return apiErrorFor(node, error.answer, { model, subject, itemIndex, note, hint })!;
	if (error instanceof NodeOperationError) return error;
	// A connection failure as n8n's request helper worded it, or an answer an operation could not
	// read. Only its words go on: the transport error behind it holds the request's headers, the
	// key among them, and not every n8n drops it when it saves an execution.
	const worded = new NodeApiError(node, error as JsonObject, { itemIndex });
	const clean = new NodeApiError(node, { message: worded.message } as JsonObject, {
		itemIndex,
		message: `${worded.message}${note}`,
		description: hint ?? worded.description ?? undefined,
	});
	clean.httpCode = worded.httpCode;
	return clean;
}
