import type { IDataObject } from 'n8n-workflow';

/** What a request's cached prefix is, from its body as sent: requests with the same key share a cache entry. */
export type CacheKeyOf = (body: IDataObject) => string;

const cacheKeys = new WeakMap<object, CacheKeyOf>();

/**
 * Says, from a preSend hook, that this request writes a prompt cache that the run's later
 * requests with the same key would read (an Anthropic model's marked instructions).
 */
export function writesPromptCache<T extends object>(requestOptions: T, keyOf: CacheKeyOf): T {
	cacheKeys.set(requestOptions, keyOf);
	return requestOptions;
}

/** Carries the mark from the request options the hooks saw to those sent (the request path makes them anew). */
export function carryPromptCacheMark(from: object, to: object): void {
	const keyOf = cacheKeys.get(from);
	if (keyOf) cacheKeys.set(to, keyOf);
}

/** A request's place in its cache's warm-up: done once it was answered, or failed. */
export interface CacheTurn {
	done(): void;
}

const NO_CACHE: CacheTurn = { done: () => undefined };

/**
 * A run's prompt caches. The first request for a cache goes alone; those after it wait for its
 * answer, so that they read what it wrote instead of each writing the cache again (a write
 * costs more than plain input, and requests sent together before the first answer would all
 * write). When it fails, the others stop waiting and go together, as without a warm-up: a
 * failure that every request would meet (a rejected key, an unknown model) must not make the
 * run send them one at a time.
 */
export class CacheWarmUp {
	private readonly caches = new Map<string, Promise<void> | 'settled'>();

	/** Waits while another request writes the cache this one reads; this request's turn. */
	async turnOf(requestOptions: object, body: IDataObject): Promise<CacheTurn> {
		const keyOf = cacheKeys.get(requestOptions);
		if (!keyOf) return NO_CACHE;
		const key = keyOf(body);
		const cache = this.caches.get(key);
		if (cache === 'settled') return NO_CACHE;
		if (cache) {
			await cache;
			return NO_CACHE;
		}
		let answered = () => undefined as void;
		this.caches.set(key, new Promise<void>((resolve) => (answered = resolve)));
		return {
			done: () => {
				this.caches.set(key, 'settled');
				answered();
			},
		};
	}
}
