import type { IExecuteSingleFunctions } from 'n8n-workflow';

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** A counting semaphore: at most `limit` holders at once, the others wait in order. */
export class Slots {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit: number) {}

	/**
	 * Resolves with a release function once a slot is free. Call the release exactly once,
	 * whatever happens to the request. An abort while waiting rejects and takes no slot.
	 */
	async acquire(signal?: AbortSignal): Promise<() => void> {
		if (this.active < this.limit) {
			this.active += 1;
			return this.releaser();
		}
		signal?.throwIfAborted();
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				this.waiting.splice(this.waiting.indexOf(grant), 1);
				reject(signal?.reason);
			};
			const grant = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			this.waiting.push(grant);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
		return this.releaser();
	}

	private releaser(): () => void {
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = this.waiting.shift();
			if (next) next();
			else this.active -= 1;
		};
	}
}

/**
 * State shared by the items of one node run, made by `create` for the first item. RoutingNode
 * gives every item of a run the same execute-data object, so it keys the run; the state goes
 * away with it.
 */
export function perRun<T extends object>(create: (context: IExecuteSingleFunctions) => T) {
	const byRun = new WeakMap<object, T>();
	return (context: IExecuteSingleFunctions): T => {
		const run = context.getExecuteData();
		let state = byRun.get(run);
		if (!state) {
			state = create(context);
			byRun.set(run, state);
		}
		return state;
	};
}
