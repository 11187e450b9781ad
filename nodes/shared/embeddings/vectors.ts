import { isPlainObject } from '../input';

/** The most inputs DigitalOcean takes in one embeddings request. */
export const MAX_INPUTS_PER_REQUEST = 2048;

/** How many inputs one request holds unless the user sets another Batch Size. */
export const DEFAULT_BATCH_SIZE = 100;

/**
 * A vector as numbers: the API gives a list of numbers (`encoding_format` float, its default)
 * or, when asked for base64 or by a server that prefers it, little-endian float32 bytes in
 * base64. Undefined for anything else.
 */
export function vectorOf(embedding: unknown): number[] | undefined {
	if (Array.isArray(embedding)) {
		return embedding.every((value) => typeof value === 'number' && Number.isFinite(value)) ? embedding : undefined;
	}
	if (typeof embedding !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(embedding)) return undefined;
	const bytes = Buffer.from(embedding, 'base64');
	if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
	return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}

export interface EmbeddingsAnswer {
	model?: string;
	/** One vector per input, in the order of the inputs. */
	vectors: number[][];
	usage?: { prompt_tokens?: number; total_tokens?: number };
}

/**
 * A `POST /v1/embeddings` answer read defensively: `data` in input order (by `index`, which
 * the API documents, else as listed), one vector per input when `inputs` is given. What is
 * wrong with it, when it is not one.
 */
export function readEmbeddingsAnswer(body: unknown, inputs?: number): EmbeddingsAnswer | string {
	const data = isPlainObject(body) ? body.data : undefined;
	if (!isPlainObject(body) || !Array.isArray(data)) return 'The API answered without embeddings';
	if (inputs !== undefined && data.length !== inputs) return `The API answered with ${data.length} embeddings for ${inputs} inputs`;
	// By `index` only when the indexes are exactly 0…n-1 in some order: anything else (a proxy
	// that joined two answers without renumbering them) would pair vectors with the wrong texts.
	const indexes = data.map((entry) => (isPlainObject(entry) ? entry.index : undefined));
	const isPermutation = new Set(indexes).size === data.length && indexes.every((index) => Number.isInteger(index) && (index as number) >= 0 && (index as number) < data.length);
	const byIndex = isPermutation ? [...data].sort((a, b) => (a.index as number) - (b.index as number)) : data;
	const vectors: number[][] = [];
	for (const entry of byIndex) {
		const vector = isPlainObject(entry) ? vectorOf(entry.embedding) : undefined;
		if (!vector) return 'The API answered with an embedding that is not a list of numbers';
		vectors.push(vector);
	}
	const usage = isPlainObject(body.usage) ? (body.usage as EmbeddingsAnswer['usage']) : undefined;
	return { model: typeof body.model === 'string' ? body.model : undefined, vectors, ...(usage ? { usage } : {}) };
}
