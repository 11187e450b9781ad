import { sleep } from 'n8n-workflow';

/**
 * The most requests one run has in flight by default: a ceiling for n8n's own sake (sockets and
 * memory), well above what DigitalOcean's quotas need at the latencies models answer with (rate ×
 * latency: 10 requests/s against a model that answers in 4 s is 40).
 */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

/** How many requests go in the first round, before any answer says what the API admits. */
export const FIRST_ROUND = 8;

/**
 * How an attempt that held a slot ended; 'not sent' gives a slot back before anything was sent,
 * 'paced' is a refusal by a quota bucket the API announces (the pacer's business, not the slots').
 */
export type Outcome = 'answered' | 'turned away' | 'paced' | 'failed' | 'not sent';

export interface Slot {
	/**
	 * Gives the slot back, saying how the attempt ended. For a request the API turned away
	 * (429), says whether that taught the limiter that it had sent more than the API admits: the
	 * node's own reach, not the API's trouble, so the caller need not count it as a retry.
	 */
	release(outcome: Outcome): { overreached: boolean };
}

/**
 * While the first requests go unanswered and none is turned away (a refusal comes back at
 * once), the API is taking them: this often, this many more may go. A model that answers in
 * seconds would otherwise keep the first round alone in flight for as long.
 */
const SILENT_GROWTH_MS = 250;
const SILENT_GROWTH_STEP = FIRST_ROUND / 2;

/** How many successes in a row, per slot, before one more slot is tried. */
const ROUNDS_BEFORE_PROBE = 4;

/** A probe is made only while this many rounds of work still wait, so that a turned-away probe is not the last to finish. */
const ROUNDS_LEFT_FOR_PROBE = 2;

/**
 * Concurrency slots that adapt to what the API admits, never more than `max` at once. The limit
 * starts at FIRST_ROUND, grows while the first requests go unanswered and unrefused, and by one
 * with each answer (doubling each round, as TCP's slow start) until the API first turns a request away (429): then it drops to the number of this
 * run's other requests the API is holding at that moment, what it admits, and after a streak of
 * answers tries one more slot, but only while enough work waits for the extra slot to pay. Where
 * the API announces its quota (`governed`), the pacer keeps within it and the limit is `max`.
 * Items that were turned away get the next free slot before items not yet tried.
 */
export class AdaptiveSlots {
	private learnedLimit: number;

	/** Whether the API has turned a request away for a cap on requests at once: slow start is over. */
	private capped = false;

	/** Whether any attempt has ended yet (an answer, a refusal, a failure). */
	private heardBack = false;

	private growing = false;

	private active = 0;

	private answeredSinceChange = 0;

	/** Milliseconds per answered attempt, smoothed: the length of a round. */
	private roundMs: number | undefined;

	/** How long a turned-away request waited before its retry, last time. */
	private lastRefusalWaitMs = 1000;

	/** Until when no slot is given: the API turned away a request that was alone. */
	private pausedUntil = 0;

	private readonly retries: Array<() => void> = [];

	private readonly fresh: Array<() => void> = [];

	/**
	 * @param waitingBefore how much work waits before it even asks for a slot (requests not yet
	 *   built): it counts as waiting when deciding on probes.
	 */
	constructor(
		readonly max: number,
		private readonly waitingBefore: () => number = () => 0,
		private readonly governed: () => boolean = () => false,
	) {
		this.learnedLimit = Math.min(max, FIRST_ROUND);
	}

	private get limit(): number {
		return this.governed() && !this.capped ? this.max : this.learnedLimit;
	}

	private set limit(value: number) {
		this.learnedLimit = value;
	}

	/** The limit now (for tests and the benchmark). */
	get current(): number {
		return this.limit;
	}

	/** How many wait for a slot. */
	get waiting(): number {
		return this.retries.length + this.fresh.length;
	}

	/**
	 * Gives no slot for `ms`: the API turned away a request that was alone, so it admits nothing
	 * now (requests or tokens per second or minute used up). Then the items turned away go first,
	 * before new items can use up the next window.
	 */
	pause(ms: number): void {
		const until = Date.now() + ms;
		if (until <= this.pausedUntil) return;
		this.pausedUntil = until;
		this.resumeAfter(ms);
	}

	/**
	 * Gives the waiting slots once the pause is over. A timer can end a little before Date.now()
	 * says the pause is over, and with nothing in flight no release would come to end it: then
	 * it waits the rest.
	 */
	private resumeAfter(ms: number): void {
		void sleep(ms).then(() => {
			const left = this.pausedUntil - Date.now();
			if (left > 0) this.resumeAfter(left);
			else this.grantWaiting();
		});
	}

	private get paused(): boolean {
		return Date.now() < this.pausedUntil;
	}

	/** Tells the limiter how long a turned-away request is waiting, for deciding on probes. */
	waitedAfterRefusal(ms: number): void {
		this.lastRefusalWaitMs = ms;
	}

	/**
	 * Resolves with a slot once one is free; `retry` puts the caller ahead of items not yet
	 * tried. An abort while waiting rejects and takes no slot.
	 */
	async acquire(signal?: AbortSignal, { retry = false } = {}): Promise<Slot> {
		signal?.throwIfAborted();
		if (!this.paused && this.active < this.limit && this.retries.length === 0 && (retry || this.fresh.length === 0)) {
			return this.grant();
		}
		const queue = retry ? this.retries : this.fresh;
		this.growWhileSilent();
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				queue.splice(queue.indexOf(granted), 1);
				reject(signal?.reason);
			};
			const granted = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			queue.push(granted);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
		return this.slotFor(Date.now());
	}

	private grant(): Slot {
		this.active += 1;
		return this.slotFor(Date.now());
	}

	private slotFor(startedAt: number): Slot {
		let released = false;
		return {
			release: (outcome) => {
				if (released) return { overreached: false };
				released = true;
				if (outcome !== 'not sent') this.heardBack = true;
				const overreached = this.learn(outcome, Date.now() - startedAt);
				this.active -= 1;
				this.grantWaiting();
				return { overreached };
			},
		};
	}

	/** Adjusts the limit to how an attempt ended; true when a refusal lowered it. */
	private learn(outcome: Outcome, durationMs: number): boolean {
		if (outcome === 'turned away') {
			// The others still in flight are what the API holds of this run's requests now: the
			// node had more in flight than the API would take from it just then (a cap on requests
			// at once, or other clients of the key), and the limit drops to that. A request turned
			// away while it was alone is the API's own limit, not the node's reach.
			const others = this.active - 1;
			this.limit = Math.min(this.limit, Math.max(1, others));
			this.capped = true;
			this.answeredSinceChange = 0;
			return others > 0;
		}
		if (outcome !== 'answered') return false;
		this.roundMs = this.roundMs === undefined ? durationMs : 0.8 * this.roundMs + 0.2 * durationMs;
		if (!this.capped) {
			this.limit = Math.min(this.max, this.learnedLimit + 1);
			return false;
		}
		this.answeredSinceChange += 1;
		if (this.limit < this.max && this.answeredSinceChange >= this.limit * ROUNDS_BEFORE_PROBE && this.probeWouldPay()) {
			this.limit += 1;
			this.answeredSinceChange = 0;
		}
		return false;
	}

	/** Whether a probe turned away now would still be answered before the waiting work is done. */
	private probeWouldPay(): boolean {
		const round = Math.max(1, this.roundMs ?? 1);
		const roundsWaiting = (this.waiting + this.waitingBefore()) / this.limit;
		const roundsForARefusedProbe = (this.lastRefusalWaitMs + round) / round;
		return roundsWaiting > ROUNDS_LEFT_FOR_PROBE * roundsForARefusedProbe;
	}

	/** While requests wait and nothing has come back, a few more may go every SILENT_GROWTH_MS. */
	private growWhileSilent(): void {
		if (this.growing || this.heardBack || this.capped || this.learnedLimit >= this.max) return;
		this.growing = true;
		void sleep(SILENT_GROWTH_MS).then(() => {
			this.growing = false;
			if (this.heardBack || this.capped || this.waiting === 0) return;
			this.learnedLimit = Math.min(this.max, this.learnedLimit + SILENT_GROWTH_STEP);
			this.grantWaiting();
			this.growWhileSilent();
		});
	}

	private grantWaiting(): void {
		while (this.active < this.limit && !this.paused) {
			const next = this.retries.shift() ?? this.fresh.shift();
			if (!next) return;
			this.active += 1;
			next();
		}
	}
}
