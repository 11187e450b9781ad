import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const BASE_URL_HINT =
	'Set the Base URL in the DigitalOcean Gradient credential, e.g. https://inference.do-ai.run';

/**
 * A Base URL the way requests use it: without surrounding spaces, trailing slashes or a pasted
 * `/v1`, as users copy it from OpenAI-style docs (the credential's BASE_URL_EXPRESSION too).
 */
export function normalBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '').trim().replace(/(\/v1)?\/*$/i, '');
}

/** Text that looks like an address (a host, a port or a path in it), not a key pasted into the wrong field. */
export const looksLikeAddress = (text: string): boolean => /^[^\s]*[.:/][^\s]*$/.test(text);

/**
 * What is wrong with a Base URL or an agent's endpoint, or undefined when it is an http(s)
 * address. The value is quoted only when it looks like an address: text without a dot, a colon
 * or a slash may be a key pasted into the wrong field, and an error must not show it.
 */
export function baseUrlProblem(baseUrl: unknown): string | undefined {
	if (typeof baseUrl === 'string' && /^https?:\/\/[^/]/i.test(baseUrl)) return undefined;
	const text = String(baseUrl ?? '');
	if (text.trim() === '') return 'is empty';
	return looksLikeAddress(text) ? `"${text}" is not an http:// or https:// address` : 'is not an http:// or https:// address';
}

/**
 * The API's version 1 address under the credential's Base URL (normalBaseUrl), or an
 * error that says what is wrong with the Base URL.
 */
export function apiV1UrlFrom(node: INode, baseUrl: unknown): string {
	const normal = normalBaseUrl(baseUrl);
	const problem = baseUrlProblem(normal);
	if (problem) throw new NodeOperationError(node, `Base URL: ${problem}`, { description: BASE_URL_HINT });
	return `${normal}/v1`;
}
