import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { booleanIn, invalidInput, notAWholeNumber, wholeNumberIn } from '../../shared/input';
import type { FollowUps } from '../../shared/transport/followUps';

/** A yes/no field, checked: a boolean, or "true"/"false" from an expression. */
export function switchOf(context: IExecuteSingleFunctions, name: string, label: string, fallback = true): boolean {
	const value = context.getNodeParameter(name, fallback) as unknown;
	const on = booleanIn(value);
	if (on === undefined) throw invalidInput(context, label, `${JSON.stringify(value)} is not true or false`);
	return on;
}

/** The Maximum Wait option of an operation that can wait (a job, a batch). */
export function maxWaitOption(defaultSeconds: number, description: string): INodeProperties {
	return {
		displayName: 'Maximum Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		default: defaultSeconds,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description,
		displayOptions: { show: { '/waitForCompletion': [true] } },
	};
}

/** The user's Maximum Wait (at `name`), checked: an expression may give anything. */
export function maxWaitMsOf(context: IExecuteSingleFunctions, name: string, defaultSeconds: number): number {
	const value = context.getNodeParameter(name, defaultSeconds) as unknown;
	const seconds = wholeNumberIn(value, 1);
	if (seconds === undefined) throw invalidInput(context, 'Maximum Wait (Seconds)', notAWholeNumber(value, 1));
	return seconds * 1000;
}

export interface Polling<T> {
	/** The first look comes this long after the start; each wait after is twice the last, up to maxPollMs. */
	firstPollMs: number;
	maxPollMs: number;
	maxWaitMs: number;
	poll: () => Promise<T>;
	isDone: (last: T) => boolean;
	/** The error for a wait that ran out, from the last answer. */
	timedOut: (last: T) => Error;
}

/**
 * Polls until `isDone`, waiting firstPollMs, then twice as long each time up to maxPollMs, never
 * past the maximum wait. The waits are the follow-ups' (a cancelled execution ends them at once)
 * and so are the polls (a slot, retries, the key hidden).
 */
export async function pollUntil<T>(followUps: FollowUps, start: T, polling: Polling<T>): Promise<T> {
	const { firstPollMs, maxPollMs, maxWaitMs, poll, isDone, timedOut } = polling;
	const deadline = Date.now() + maxWaitMs;
	let last = start;
	for (let delay = firstPollMs; !isDone(last); delay = Math.min(delay * 2, maxPollMs)) {
		const left = deadline - Date.now();
		if (left <= 0) throw timedOut(last);
		await followUps.wait(Math.min(delay, left));
		last = await poll();
	}
	return last;
}
