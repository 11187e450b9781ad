import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const BASE_URL_HINT =
	'Set the Base URL in the DigitalOcean Gradient credential, e.g. https://inference.do-ai.run';

/** What is wrong with a Base URL, or undefined when it is an http(s) address. */
export function baseUrlProblem(baseUrl: unknown): string | undefined {
	return typeof baseUrl === 'string' && /^https?:\/\/[^/]/i.test(baseUrl)
		? undefined
		: `"${String(baseUrl)}" is not an http:// or https:// address`;
}

/**
 * The API's version 1 address under the credential's Base URL (trailing slashes or not), or an
 * error that says what is wrong with the Base URL.
 */
export function apiV1UrlFrom(node: INode, baseUrl: unknown): string {
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw new NodeOperationError(node, `Base URL: ${problem}`, { description: BASE_URL_HINT });
	return `${(baseUrl as string).replace(/\/+$/, '')}/v1`;
}
