import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { QuotaBucket, type Spend } from './quotaBucket';
import { quotaReadings, type QuotaReading } from './quotaHeaders';
import { isPlainObject } from '../input';

/** A longer wait than this is not paced: the request goes, and the API's refusal says when (the retry policy gives up past its own limit). */
const MAX_PACED_WAIT_MS = 60_000;

/** A request admitted by the pacer: when it started and what it took from each bucket. */
export interface Ticket {
	at: number;
	scope: string;
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
	scope: string;
	rawTokens: number;
	admit: (ticket: Ticket) => void;
}

const bucketKey = ({ type, limit }: QuotaReading) => `${type}/${limit}`;

/** Which of the API's limits a request counts against is learned per model (or endpoint, where there is none). */
function scopeOf(options: IHttpRequestOptions): string {
	const body = options.body;
	const model = isPlainObject(body) ? (body.model ?? body.model_id) : undefined;
	return typeof model === 'string' ? `model ${model}` : `${options.method ?? 'GET'} ${options.url}`;
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
 * execution that uses the credential in this n8n process (pacerFor). Requests wait in the order
 * they came. A credential whose answers announce no quota is not paced.
 */
export class QuotaPacer {
	private readonly buckets = new Map<string, QuotaBucket>();

	/** The buckets each scope's answers announced. */
	private readonly scopes = new Map<string, Set<string>>();

	private readonly queue: Waiter[] = [];

	private readonly unsettled = new Set<Ticket>();

	/** Actual tokens (the answers' usage) per raw token counted: corrects the count once an answer told. */
	private tokenRatio: number | undefined;

	private lastAt = 0;

	private wakeAt = Infinity;

	/** Whether the API announces a quota for this credential: then the pacer, not a cap on requests at once, keeps within it. */
	get governs(): boolean {
		return this.buckets.size > 0;
	}

	/** The buckets seen, by type and capacity (for tests and the benchmark). */
	get known(): ReadonlyMap<string, QuotaBucket> {
		return this.buckets;
	}

	/** Resolves when the request may start; an abort while it waits rejects. */
	async admit(options: IHttpRequestOptions, signal?: AbortSignal): Promise<Ticket> {
		signal?.throwIfAborted();
		const waiter = { scope: scopeOf(options), rawTokens: rawTokensOf(options) } as Waiter;
		return await new Promise<Ticket>((resolve, reject) => {
			const onAbort = () => {
				const place = this.queue.indexOf(waiter);
				if (place !== -1) this.queue.splice(place, 1);
				reject(signal?.reason);
				this.pump();
			};
			waiter.admit = (ticket) => {
				signal?.removeEventListener('abort', onAbort);
				resolve(ticket);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.queue.push(waiter);
			this.pump();
		});
	}

	/** What an answer (or, with none, a failed attempt) says about the buckets; frees the next requests. */
	settle(ticket: Ticket, answer?: Answer): void {
		this.unsettled.delete(ticket);
		if (answer) this.read(ticket, answer);
		this.pump();
	}

	private bucketsFor(scope: string): QuotaBucket[] {
		const keys = this.scopes.get(scope) ?? this.buckets.keys();
		return [...keys].map((key) => this.buckets.get(key)).filter((bucket): bucket is QuotaBucket => bucket !== undefined);
	}

	private costIn(bucket: QuotaBucket, rawTokens: number): number {
		return bucket.type === 'requests' ? 1 : Math.ceil(rawTokens * (this.tokenRatio ?? 1));
	}

	/** Starts the waiting requests in order while their buckets hold them; else wakes when the first's will. */
	private pump(): void {
		while (this.queue.length > 0) {
			const [next] = this.queue;
			const now = Date.now();
			const buckets = this.bucketsFor(next.scope);
			let waitMs = 0;
			for (const bucket of buckets) waitMs = Math.max(waitMs, bucket.waitMs(this.costIn(bucket, next.rawTokens), now));
			if (waitMs > 0 && waitMs <= MAX_PACED_WAIT_MS) {
				this.wakeIn(waitMs, now);
				return;
			}
			this.queue.shift();
			// Strictly increasing start times: requests started in the same millisecond still come in order.
			const at = Math.max(now, this.lastAt + 0.001);
			this.lastAt = at;
			const spends = new Map(buckets.map((bucket) => [bucket, bucket.spend(this.costIn(bucket, next.rawTokens), at)]));
			const ticket: Ticket = { at, scope: next.scope, rawTokens: next.rawTokens, spends };
			this.unsettled.add(ticket);
			next.admit(ticket);
		}
	}

	private wakeIn(ms: number, now: number): void {
		const at = now + Math.ceil(ms);
		if (at >= this.wakeAt && this.wakeAt > now) return;
		this.wakeAt = at;
		void sleep(Math.ceil(ms)).then(() => {
			if (this.wakeAt === at) this.wakeAt = Infinity;
			this.pump();
		});
	}

	private read(ticket: Ticket, { statusCode, headers, body }: Answer): void {
		const readings = quotaReadings(headers);
		if (readings.length === 0) return;
		const refused = statusCode === 429 && readings.some((reading) => reading.resetAt !== undefined);
		const costs = new Map([...ticket.spends].map(([bucket, spend]) => [bucket, spend.cost]));
		if (refused) for (const spend of ticket.spends.values()) spend.cost = 0;
		else this.learnTokens(ticket, body);
		const now = Date.now();
		const keys = new Set<string>();
		for (const reading of readings) {
			const key = bucketKey(reading);
			keys.add(key);
			const bucket = this.buckets.get(key);
			if (!bucket) this.firstSeen(key, reading, ticket);
			else if (refused && reading.resetAt !== undefined) bucket.refused(reading, costs.get(bucket) ?? this.costIn(bucket, ticket.rawTokens), ticket.at, now);
			else bucket.observe(reading, ticket.at, now);
		}
		this.scopes.set(ticket.scope, keys);
	}

	/** A bucket seen for the first time: what remained after this request, less what the requests started after it and still under way took. */
	private firstSeen(key: string, reading: QuotaReading, ticket: Ticket): void {
		const bucket = new QuotaBucket(reading, ticket.at);
		this.buckets.set(key, bucket);
		for (const other of this.unsettled) {
			if (other.at > ticket.at) other.spends.set(bucket, bucket.spentEarlier(this.costIn(bucket, other.rawTokens), other.at));
		}
	}

	/** Learns from the answer's usage how the tokens counted compare with the tokens the API counts, and corrects this request's spend. */
	private learnTokens(ticket: Ticket, body: unknown): void {
		const usage = isPlainObject(body) && isPlainObject(body.usage) ? body.usage : undefined;
		const total = usage?.total_tokens;
		if (typeof total !== 'number' || total <= 0) return;
		const ratio = total / ticket.rawTokens;
		this.tokenRatio = this.tokenRatio === undefined ? ratio : 0.8 * this.tokenRatio + 0.2 * ratio;
		for (const [bucket, spend] of ticket.spends) if (bucket.type !== 'requests') spend.cost = total;
	}
}

/** One pacer per credential (and Base URL) in this n8n process, shared by every execution. */
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
