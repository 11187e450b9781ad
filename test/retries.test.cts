import { completion, interceptChat, type Reply } from './harness/api.cjs';
import { chatParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, testCredentials, TEST_KEY } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';

const promptOf = (body: unknown) =>
	(body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;

/** Replies in turn from a script, per prompt; the last reply repeats. */
function scripted(script: Record<string, Reply[]>) {
	const seen: Record<string, number> = {};
	return (body: unknown): Reply => {
		const prompt = promptOf(body);
		const replies = script[prompt] ?? [{ body: completion({ content: `Answer to ${prompt}` }) }];
		const count = (seen[prompt] = (seen[prompt] ?? 0) + 1);
		return replies[Math.min(count, replies.length) - 1];
	};
}

// Retry-After: 0 keeps these tests from waiting; the waits themselves are in retryPolicy.test.cts.
const busy = (status: number, message = 'Try again later.'): Reply => ({
	status,
	body: { id: 'server_error', message },
	headers: { 'retry-after': '0' },
});
const ok = (prompt: string): Reply => ({ body: completion({ content: `Answer to ${prompt}` }) });

describe('per-request retries', () => {
	it('sends a rate-limited request again after Retry-After and outputs the item once', async () => {
		const requests = interceptChat(scripted({ hi: [busy(429), ok('hi')] }), 2);
		const { items, error } = await runNode({ parameters: chatParameters({ prompt: 'hi' }) });

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(items.map(({ json }) => json.content)).toEqual(['Answer to hi']);
	});

	it('retries 408, 500, 502, 503 and 504 until the request succeeds', async () => {
		const requests = interceptChat(scripted({ hi: [busy(408), busy(500), busy(502), busy(503), busy(504), ok('hi')] }), 6);
		const { items } = await runNode({ parameters: chatParameters({ prompt: 'hi' }) });
		expect(requests).toHaveLength(6);
		expect(items).toHaveLength(1);
	});

	it.each([400, 401, 403, 404, 422, 501])('sends a request that got %s only once', async (status) => {
		const requests = interceptChat({ ...busy(status), body: { id: 'error', message: 'No.' } }, 3);
		const { error } = await runNode({ parameters: chatParameters() });
		expect(requests).toHaveLength(1);
		expect(error?.message).not.toMatch(/attempts/);
	});

	it('repeats only the request that failed, never one that succeeded', async () => {
		const requests = interceptChat(scripted({ b: [busy(503), ok('b')] }), 4);
		const { items } = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}' }),
			input: [{ json: { q: 'a' } }, { json: { q: 'b' } }, { json: { q: 'c' } }],
		});
		const sent = requests.map(({ body }) => promptOf(body)).sort();
		expect(sent).toEqual(['a', 'b', 'b', 'c']);
		expect(items.map(({ json, pairedItem }) => [json.content, pairedItem])).toEqual([
			['Answer to a', { item: 0 }],
			['Answer to b', { item: 1 }],
			['Answer to c', { item: 2 }],
		]);
	});

	it('gives up after Max Retries, saying how many attempts and what the API said last', async () => {
		const requests = interceptChat(
			scripted({ hi: [busy(503, 'First.'), busy(503, 'Second.'), busy(503, 'Still overloaded.')] }),
			3,
		);
		const { error } = await runNode({
			parameters: chatParameters({ prompt: 'hi', requestOptions: { maxRetries: 2 } }),
		});
		expect(requests).toHaveLength(3);
		expect(error).toMatchObject({
			message: "DigitalOcean's inference service failed (HTTP 503) (gave up after 3 attempts)",
			description: 'DigitalOcean said: Still overloaded. This is usually temporary: try again in a moment.',
			httpCode: '503',
		});
	});

	it('fails at once, saying so, when the API asks to wait more than a minute', async () => {
		const requests = interceptChat(
			{ status: 429, body: { id: 'too_many_requests', message: 'Daily token limit reached.' }, headers: { 'retry-after': '3600' } },
			2,
		);
		const { error } = await runNode({ parameters: chatParameters() });
		expect(requests).toHaveLength(1);
		expect(error?.message).toBe(
			'Rate limit reached: DigitalOcean is receiving too many requests from this key (gave up after 1 attempt) (the API asked to wait 3600 s; this node waits at most 60 s)',
		);
	});

	it('backs off and retries when the answer has no Retry-After', async () => {
		const requests = interceptChat(
			scripted({ hi: [{ status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }, ok('hi')] }),
			2,
		);
		const { items } = await runNode({ parameters: chatParameters({ prompt: 'hi' }) });
		expect(requests).toHaveLength(2);
		expect(items.map(({ json }) => json.content)).toEqual(['Answer to hi']);
	});

	it('stops waiting when the execution is cancelled, without sending again', async () => {
		let cancel = () => {};
		const requests = interceptChat(() => {
			setImmediate(() => cancel());
			return { status: 429, body: { id: 'too_many_requests', message: 'Slow down.' }, headers: { 'retry-after': '50' } };
		}, 5);
		const { run } = await runNode({
			parameters: chatParameters(),
			onRunning: (cancelExecution) => (cancel = cancelExecution),
		});
		expect(run.status).toBe('canceled');
		expect(requests).toHaveLength(1);
	});
});

describe('against the stand-in: dropped connections, timeouts, bounded concurrency', () => {
	const stand = useStandIn();

	const credentials = () => testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key });
	const items = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { q: `question ${i}` } }));
	const parameters = (requestOptions = {}) =>
		chatParameters({ prompt: '={{ $json.q }}', requestOptions });

	it('retries a dropped connection, and the prompt is answered exactly once', async () => {
		stand.current.configure({ faults: [{ kind: 'drop', next: 1 }] });
		const run = await runNode({ parameters: parameters(), input: items(1), credentials: credentials() });
		expect(run.error).toBeUndefined();
		expect(run.items.map(({ json }) => json.content)).toEqual([`Echo from ${MODEL_ID}: question 0`]);
		expect(stand.current.stats()).toMatchObject({ dropped: 1, chatRequests: 2, servedByPrompt: { 'question 0': 1 } });
		expect(JSON.stringify(run.run)).not.toContain(stand.current.key);
	});

	it('retries a request that timed out, then reports the timeout with the attempts', async () => {
		stand.current.configure({ latencyMs: 400 });
		const run = await runNode({
			parameters: parameters({ timeout: 100, maxRetries: 1 }),
			input: items(1),
			credentials: credentials(),
		});
		expect(stand.current.stats().chatRequests).toBe(2);
		expect(run.error?.message).toMatch(/\(gave up after 2 attempts\)$/);
		expect(JSON.stringify(run.run)).not.toContain(stand.current.key);
	});

	it('starts with 8 requests in flight and, where nothing is refused, sends more, never above the default of 64', async () => {
		// Answers wait until 64 requests are in flight (or a second has passed), however slow this machine is.
		stand.current.configure({ holdUntilInFlight: 64 });
		const run = await runNode({ parameters: parameters(), input: items(200), credentials: credentials() });
		expect(run.items).toHaveLength(200);
		const { maxInFlight } = stand.current.stats();
		expect({ moreThanTheFirstRound: maxInFlight > 8, atMostTheCeiling: maxInFlight <= 64 }).toEqual({ moreThanTheFirstRound: true, atMostTheCeiling: true });
	});

	it('keeps to Max Concurrent Requests, also while connections drop and requests are retried', async () => {
		stand.current.configure({ latencyMs: 20, faults: [{ kind: 'drop', every: 4 }] });
		const run = await runNode({
			parameters: parameters({ maxConcurrentRequests: 3 }),
			input: items(12),
			credentials: credentials(),
		});
		const stats = stand.current.stats();
		expect(run.items.map(({ json }) => json.content)).toEqual(
			items(12).map(({ json }) => `Echo from ${MODEL_ID}: ${json.q}`),
		);
		expect(stats.maxInFlight).toBeLessThanOrEqual(3);
		expect(stats.dropped).toBeGreaterThan(0);
		expect(Object.values(stats.servedByPrompt)).toEqual(Array(12).fill(1));
	});

	it('sends nothing again with Max Retries 0, not even a request the node sent one too many', async () => {
		stand.current.configure({ maxConcurrent: 1, latencyMs: 50 });
		const run = await runNode({
			parameters: parameters({ maxRetries: 0 }),
			input: items(3),
			credentials: credentials(),
			onError: 'continueRegularOutput',
		});
		const stats = stand.current.stats();
		expect(stats.requests).toBe(3);
		expect(run.items.filter(({ json }) => json.error)).toHaveLength(2);
		expect(stats.byStatus[429]).toBe(2);
	});

	it('never shows the key in an error after retries', async () => {
		stand.current.configure({ faults: [{ kind: 'status', status: 503, every: 1 }] });
		const run = await runNode({
			parameters: parameters({ maxRetries: 1 }),
			input: items(1),
			credentials: credentials(),
		});
		expect(run.error?.message).toBe("DigitalOcean's inference service failed (HTTP 503) (gave up after 2 attempts)");
		expect(JSON.stringify(run.run)).not.toContain(stand.current.key);
		expect(JSON.stringify(run.run)).not.toContain(TEST_KEY);
	});
});
