import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { QuotaBucket, type Spend } from './quotaBucket';
import { isQuotaRefusal, quotaReadings, type QuotaReading, type QuotaType } from './quotaHeaders';
import { isPlainObject } from '../input';

/** A longer wait than this is not paced: the request goes (spending nothing), and the API's refusal says when; the retry policy gives up past its own limit. */
const MAX_PACED_WAIT_MS = 60_000;

/** Requests of one model differ in size: each is counted this much bigger than the average, so that the bucket is not a few tokens short. */
const TOKEN_MARGIN = 1.02;

/** A request admitted by the pacer: when it started and what it took from each bucket. */
export interface Ticket {
	at: number;
	scope: Scope;
	/** Tokens as counted from the request (characters / 4 plus its completion allowance), before the learned correction. */
	rawTokens: number;
	spends: Map<QuotaBucket, Spend>;
}

/** What the pacer reads of an answer. */
export interface Answer {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

interface Waiter {
	rawTokens: number;
	admit: (ticket: Ticket) => void;
}

/**
 * The requests for one model (or, without one, all the others): their buckets, learned from
 * their answers, their queue and their token count's correction. Whether DigitalOcean keeps a
 * bucket per key or per model is not documented. Kept per model, a bucket that the key's other
 * models share shows their spending as a slower refill, and the node sends less, never more;
 * one picture for every model would let one model's answers (room left) admit another's
 * requests into its empty bucket.
 */
class Scope {
	readonly buckets = new Map<QuotaType, QuotaBucket>();

	readonly queue: Waiter[] = [];

	readonly unsettled = new Set<Ticket>();

	/** Actual tokens per raw token counted: from the answers' usage, or before any, from refusals. */
	tokenRatio: number | undefined;

	/** Whether an answer's usage has told the ratio (a refusal only bounds it). */
	usageSeen = false;

	wakeAt = Infinity;

	costIn(bucket: QuotaBucket, rawTokens: number): number {
		return bucket.type === 'requests' ? 1 : Math.ceil(rawTokens * (this.tokenRatio ?? 1) * TOKEN_MARGIN);
	}
}

/** Which of the API's limits a request counts against is learned per model. */
function scopeNameOf(options: IHttpRequestOptions): string {
	const body = options.body;
	const model = isPlainObject(body) ? (body.model ?? body.model_id) : undefined;
	return typeof model === 'string' ? `model ${model}` : 'without a model';
}

/** A request's size in tokens as the pacer first counts it: its body's characters / 4, plus the completion it allows. */
function rawTokensOf(options: IHttpRequestOptions): number {
	const body = options.body;
	if (!isPlainObject(body)) return typeof body === 'string' ? Math.ceil(body.length / 4) : 1;
	const allowance = [body.max_completion_tokens, body.max_tokens].find((value) => typeof value === 'number' && value > 0) as number | undefined;
	return Math.max(1, Math.ceil(JSON.stringify(body).length / 4) + (allowance ?? 0));
}

/**
 * Paces the requests of one credential to DigitalOcean's quota buckets, as every answer
 * announces them (x-ratelimit-*): a request starts once each bucket it counts against holds it,
 * so that the key's quota is used and not overrun. One pacer serves every run and every
 * execution that uses the credential in this n8n process (pacerFor). Requests for a model wait
 * in the order they came; requests whose answers announce no quota are not paced.
 */
export class QuotaPacer {
	private readonly scopes = new Map<string, Scope>();

	private lastAt = 0;

	/** Whether the API announces a quota for this credential: then the pacer, not a cap on requests at once, keeps within it. */
	get governs(): boolean {
		for (const scope of this.scopes.values()) if (scope.buckets.size > 0) return true;
		return false;
	}

	/** The buckets seen for a model (for tests and the benchmark). */
	bucketsOf(model: string): ReadonlyMap<QuotaType, QuotaBucket> {
		return this.scopes.get(`model ${model}`)?.buckets ?? new Map();
	}

	private scopeFor(options: IHttpRequestOptions): Scope {
		const name = scopeNameOf(options);
		let scope = this.scopes.get(name);
		if (!scope) {
			scope = new Scope();
			this.scopes.set(name, scope);
		}
		return scope;
	}

	/** Resolves when the request may start; an abort while it waits rejects. */
	async admit(options: IHttpRequestOptions, signal?: AbortSignal): Promise<Ticket> {
		signal?.throwIfAborted();
		const scope = this.scopeFor(options);
		const waiter = { rawTokens: rawTokensOf(options) } as Waiter;
		return await new Promise<Ticket>((resolve, reject) => {
			const onAbort = () => {
				const place = scope.queue.indexOf(waiter);
				if (place !== -1) scope.queue.splice(place, 1);
				reject(signal?.reason);
				this.pump(scope);
			};
			waiter.admit = (ticket) => {
				signal?.removeEventListener('abort', onAbort);
				resolve(ticket);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			scope.queue.push(waiter);
			this.pump(scope);
		});
	}

	/** What an answer (or, with none, a failed attempt) says about the buckets; frees the next requests. */
	settle(ticket: Ticket, answer?: Answer): void {
		ticket.scope.unsettled.delete(ticket);
		if (answer) this.read(ticket, answer);
		this.pump(ticket.scope);
	}

	/** Starts a model's waiting requests in order while its buckets hold them; else wakes when the first's will. */
	private pump(scope: Scope): void {
		while (scope.queue.length > 0) {
			const [next] = scope.queue;
			const now = Date.now();
			let waitMs = 0;
			for (const bucket of scope.buckets.values()) waitMs = Math.max(waitMs, bucket.waitMs(scope.costIn(bucket, next.rawTokens), now));
			if (waitMs > 0 && waitMs <= MAX_PACED_WAIT_MS) {
				this.wakeIn(scope, waitMs, now);
				return;
			}
			scope.queue.shift();
			// Strictly increasing start times: requests started in the same millisecond still come in order.
			const at = Math.max(now, this.lastAt + 0.001);
			this.lastAt = at;
			// Past the longest wait it goes without spending: the API's refusal says when, and the bucket's picture stays true.
			const spending = waitMs > 0 ? [] : [...scope.buckets.values()];
			const spends = new Map(spending.map((bucket) => [bucket, bucket.spend(scope.costIn(bucket, next.rawTokens), at)]));
			const ticket: Ticket = { at, scope, rawTokens: next.rawTokens, spends };
			scope.unsettled.add(ticket);
			next.admit(ticket);
		}
	}

	private wakeIn(scope: Scope, ms: number, now: number): void {
		const at = now + Math.ceil(ms);
		if (at >= scope.wakeAt && scope.wakeAt > now) return;
		scope.wakeAt = at;
		void sleep(Math.ceil(ms)).then(() => {
			if (scope.wakeAt === at) scope.wakeAt = Infinity;
			this.pump(scope);
		});
	}

	private read(ticket: Ticket, { statusCode, headers, body }: Answer): void {
		const readings = quotaReadings(headers);
		if (readings.length === 0) return;
		const { scope } = ticket;
		const refused = isQuotaRefusal(statusCode, readings);
		const costs = new Map([...ticket.spends].map(([bucket, spend]) => [bucket, spend.cost]));
		if (refused) for (const spend of ticket.spends.values()) spend.cost = 0;
		else this.learnTokens(ticket, body);
		const now = Date.now();
		for (const reading of readings) {
			let bucket = scope.buckets.get(reading.type);
			if (!bucket) bucket = this.firstSeen(scope, reading, ticket);
			// The bucket that turned it away says when it will have room (its reset); the others only what remains.
			if (!refused || reading.resetAt === undefined) {
				bucket.observe(reading, ticket.at, now);
				continue;
			}
			if (bucket.type !== 'requests') this.learnTokensFromRefusal(ticket, reading);
			bucket.refused(reading, costs.get(bucket) ?? scope.costIn(bucket, ticket.rawTokens), ticket.at, now);
		}
	}

	/** A bucket seen for the first time: what remained after this request, less what the requests started after it and still under way took. */
	private firstSeen(scope: Scope, reading: QuotaReading, ticket: Ticket): QuotaBucket {
		const bucket = new QuotaBucket(reading, ticket.at);
		scope.buckets.set(reading.type, bucket);
		for (const other of scope.unsettled) {
			if (other.at > ticket.at) other.spends.set(bucket, bucket.spentEarlier(scope.costIn(bucket, other.rawTokens), other.at));
		}
		return bucket;
	}

	/**
	 * Before any answer's usage: a request refused by a tokens bucket that still held as many
	 * tokens as it was counted at is bigger than counted, bigger than what remained. The count
	 * is raised past that, with a margin, until usage tells the real size.
	 */
	private learnTokensFromRefusal({ scope, rawTokens }: Ticket, { remaining }: QuotaReading): void {
		if (scope.usageSeen || remaining < Math.ceil(rawTokens * (scope.tokenRatio ?? 1))) return;
		scope.tokenRatio = (1.25 * (remaining + 1)) / rawTokens;
	}

	/** Learns from the answer's usage how the tokens counted compare with the tokens the API counts, and corrects this request's spend. */
	private learnTokens({ scope, rawTokens, spends }: Ticket, body: unknown): void {
		const usage = isPlainObject(body) && isPlainObject(body.usage) ? body.usage : undefined;
		const total = usage?.total_tokens;
		if (typeof total !== 'number' || total <= 0) return;
		const ratio = total / rawTokens;
		scope.tokenRatio = scope.usageSeen && scope.tokenRatio !== undefined ? 0.8 * scope.tokenRatio + 0.2 * ratio : ratio;
		scope.usageSeen = true;
		for (const [bucket, spend] of spends) if (bucket.type !== 'requests') spend.cost = total;
	}
}

/** One pacer per credential (and Base URL) in this n8n process, shared by every execution: a few per n8n, never dropped. */
const pacers = new Map<string, QuotaPacer>();

export function pacerFor(credentialKey: string): QuotaPacer {
	let pacer = pacers.get(credentialKey);
	if (!pacer) {
		pacer = new QuotaPacer();
		pacers.set(credentialKey, pacer);
	}
	return pacer;
}

/** The answer as the pacer reads it, when the helper returned a full response. */
function answerOf(response: unknown): Answer | undefined {
	if (!isPlainObject(response) || typeof response.statusCode !== 'number') return undefined;
	return { statusCode: response.statusCode, headers: response.headers as Record<string, unknown> | undefined, body: response.body };
}

/** Sends one request when the credential's quota holds it, and lets the pacer read its answer. */
export async function sendPaced<T>(pacer: QuotaPacer, options: IHttpRequestOptions, signal: AbortSignal | undefined, send: () => Promise<T>): Promise<T> {
	const ticket = await pacer.admit(options, signal);
	let answer: Answer | undefined;
	try {
		const response = await send();
		answer = answerOf(response);
		return response;
	} finally {
		pacer.settle(ticket, answer);
	}
}
