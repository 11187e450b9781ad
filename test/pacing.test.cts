// Pacing by the quota DigitalOcean announces (x-ratelimit-* on every answer), through n8n's
// engine against the stand-in's refilling buckets. What is asserted is what the API saw: how many
// requests it had to turn away, and that every item got its answer once. A pacer that ignored
// the headers, or kept one picture of the quota per execution, sends into an empty bucket.
import { chatParameters } from './harness/parameters.cjs';
import { runNode, testCredentials } from './harness/runNode.cjs';
import { startStandIn, type StandIn } from './harness/standIn.cjs';

import nock from 'nock';

jest.setTimeout(30_000);

const prompts = (count: number, text = '') => Array.from({ length: count }, (_, i) => ({ json: { q: `question ${i}${text}` } }));

async function run(standIn: StandIn, input: ReturnType<typeof prompts>) {
	const before = standIn.stats();
	const result = await runNode({
		parameters: chatParameters({ prompt: '={{ $json.q }}' }),
		input,
		credentials: testCredentials({ baseUrl: standIn.url, apiKey: standIn.key }),
		onError: 'continueRegularOutput',
	});
	const answers = result.items.map((item) => item.json.content);
	return { result, answers, turnedAway: (standIn.stats().byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0) };
}

const echoes = (input: ReturnType<typeof prompts>) => input.map(({ json }) => `Echo from llama3.3-70b-instruct: ${json.q}`);

describe('pacing by the quota the API announces', () => {
	let standIn: StandIn;

	beforeAll(() => nock.enableNetConnect('127.0.0.1'));

	afterEach(async () => await standIn.close());

	it('keeps a credential it has seen within its requests bucket, across executions at once', async () => {
		// 4 at once, refilling 20 per second: a run of 30 items must be spread over more than a second.
		standIn = await startStandIn({ latencyMs: 50, quota: { requests: { capacity: 4, perSecond: 20 } } });
		// The first run finds the bucket: its first round (8) goes before any answer announces it.
		const first = await run(standIn, prompts(30));
		expect(first.answers).toEqual(echoes(prompts(30)));

		const [one, other] = await Promise.all([run(standIn, prompts(30)), run(standIn, prompts(30, ' (other)'))]);
		expect(one.answers).toEqual(echoes(prompts(30)));
		expect(other.answers).toEqual(echoes(prompts(30, ' (other)')));
		// Two executions with a picture of the bucket each would spend it twice over: about half their requests turned away.
		expect(one.turnedAway + other.turnedAway).toBeLessThanOrEqual(2);
		expect(standIn.stats().completions).toBe(90);
	});

	it('paces by a tokens-per-minute bucket that binds before the requests one, counting tokens from the body and the answers\' usage', async () => {
		// About 500 tokens per request (prompt and its echo): the bucket holds 4 of them and refills 40 per second.
		standIn = await startStandIn({
			latencyMs: 50,
			quota: { requests: { capacity: 1000, perSecond: 1000 }, tokens: { capacity: 2000, perSecond: 20000 } },
		});
		const long = ` ${'word '.repeat(200)}`;
		const first = await run(standIn, prompts(30, long));
		expect(first.answers).toEqual(echoes(prompts(30, long)));
		const second = await run(standIn, prompts(30, long));
		expect(second.answers).toEqual(echoes(prompts(30, long)));
		expect(second.turnedAway).toBeLessThanOrEqual(1);
		expect(standIn.stats().completions).toBe(60);
	});
});
