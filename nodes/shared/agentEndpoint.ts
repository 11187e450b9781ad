/**
 * The path DigitalOcean documents for talking to an agent, under its endpoint
 * (docs.digitalocean.com/products/ai-platform/how-to/use-agents/), with the `agent=true` query
 * its API reference requires and its SDKs send.
 */
export const AGENT_CHAT_PATH = '/api/v1/chat/completions?agent=true';

/** What a user does about a wrong Agent Endpoint. */
export const AGENT_ENDPOINT_HINT =
	"Set the Agent Endpoint in the DigitalOcean Gradient Agent credential: the URL under ENDPOINT on the agent's Overview page, e.g. https://abcdefghijklmnopqrstuvwx.agents.do-ai.run";

/**
 * An agent's endpoint as requests use it, from what users paste: the URL on the agent's Overview
 * page, or a sample's full address (`/api/v1/chat/completions`, `?agent=true`), with or without
 * `https://` (DigitalOcean's SDK adds it too) and trailing slashes. The credential's
 * AGENT_ENDPOINT_EXPRESSION does the same; a test holds the two together.
 */
export function normalAgentEndpoint(endpoint: unknown): string {
	const text = String(endpoint ?? '').trim();
	// Not to text that is no host (a key pasted into the wrong field): it would be looked up in DNS.
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || !/^[^\s/]+[.:]\S*$/.test(text) ? text : `https://${text}`;
	return withScheme.replace(/[?#].*$/, '').replace(/(\/api)?(\/v1)?(\/chat\/completions)?\/*$/i, '');
}

