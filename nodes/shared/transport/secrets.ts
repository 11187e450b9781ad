import { preview } from '../input';

/** What stands where an answer quoted the run's key (the model access key or an endpoint access key). */
export const REDACTED = '[redacted]';

/** Shorter "keys" are left alone: hiding them would garble ordinary text. */
const MIN_SECRET_LENGTH = 8;

function replaced(value: unknown, secret: string): unknown {
	if (typeof value === 'string') return value.split(secret).join(REDACTED);
	if (Array.isArray(value)) return value.map((each) => replaced(each, secret));
	if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
		return Object.fromEntries(Object.entries(value).map(([key, each]) => [replaced(key, secret), replaced(each, secret)]));
	}
	return value;
}

/**
 * `value` with the key (the model access key or an endpoint access key) replaced wherever it
 * appears (so `Bearer <key>` too), in
 * strings, nested objects and lists: for anything taken from an answer, which an API, a proxy
 * or a gateway may have written the key into. The same value, untouched, when it holds no key.
 */
export function withoutSecret<T>(value: T, rawSecret: unknown): T {
	// The key as it is sent: a key pasted with spaces around it goes out without them.
	const secret = typeof rawSecret === 'string' ? rawSecret.trim() : '';
	if (secret.length < MIN_SECRET_LENGTH) return value;
	if (typeof value === 'string') return (value.includes(secret) ? replaced(value, secret) : value) as T;
	if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
	const asJson = JSON.stringify(secret).slice(1, -1);
	return (JSON.stringify(value).includes(asJson) ? replaced(value, secret) : value) as T;
}

/**
 * A text from an answer, as an error quotes it: the key hidden first, then shortened. Shortened
 * first, a key that straddles the cut would survive in part.
 */
export const quotedWithoutSecret = (text: string, secret: unknown): string => preview(withoutSecret(text, secret));
