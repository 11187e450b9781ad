// A thousand items through our node in real n8n, against a stand-in that allows fewer requests
// in flight than the node sends and fails some on purpose (503s, dropped connections). With
// "On Error: Continue", every item must be answered exactly once, and no key may leak.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expectExitCode, outputOf, setUpRealN8n } from './realN8n.cjs';

const ITEMS = 1000;
const NODE_LIMIT = 8; // the node's first round: the API refuses at once what it does not admit, and the node goes no further
const STAND_IN_LIMIT = 6; // below it: the extra requests get 429 and must be retried

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
	await n8n.importWorkflow(path.join(__dirname, 'workflows', 'soak.json'));
});
afterAll(async () => n8n?.tearDown());

it(`answers ${ITEMS} items exactly once through 429s, 503s and dropped connections`, async () => {
	n8n.standIn.reset();
	n8n.standIn.configure({
		latencyMs: 100,
		maxConcurrent: STAND_IN_LIMIT,
		faults: [
			{ kind: 'status', status: 503, every: 37 },
			{ kind: 'drop', every: 53 },
		],
	});

	const result = await n8n.execute('dogSoak000000001');
	expectExitCode(result, 0);

	const answers = outputOf(result, 'Answer');
	const prompts = Array.from({ length: ITEMS }, (_, i) => `soak prompt ${i}`);
	expect(answers.map(({ content, error }) => content ?? error)).toEqual(
		prompts.map((prompt) => `Echo from llama3.3-70b-instruct: ${prompt}`),
	);

	const stats = n8n.standIn.stats();
	// Every prompt answered once by the API: nothing lost, nothing sent again after a success.
	expect(Object.keys(stats.servedByPrompt).sort()).toEqual([...prompts].sort());
	expect(new Set(Object.values(stats.servedByPrompt))).toEqual(new Set([1]));
	// The failures really happened, and never more requests in flight than the node allows.
	expect(stats.byStatus[429]).toBeGreaterThan(0);
	expect(stats.byStatus[503]).toBeGreaterThan(0);
	expect(stats.dropped).toBeGreaterThan(0);
	expect(stats.maxInFlight).toBeLessThanOrEqual(NODE_LIMIT);
	console.log(JSON.stringify({ ...stats, servedByPrompt: undefined }));

	// The key appears nowhere: not in the run data and log n8n printed, nor in its database
	// (where the execution is saved; the credential itself is stored encrypted).
	const key = n8n.standIn.key;
	expect(result.stdout + result.stderr).not.toContain(key);
	expect(readFileSync(path.join(n8n.userFolder, '.n8n', 'database.sqlite')).includes(key)).toBe(false);
});

it(`answers ${ITEMS} items exactly once, with the defaults, when the API admits only 2 at a time`, async () => {
	n8n.standIn.reset();
	n8n.standIn.configure({ latencyMs: 100, maxConcurrent: 2 });

	const started = Date.now();
	const result = await n8n.execute('dogSoak000000001');
	const elapsedMs = Date.now() - started;
	expectExitCode(result, 0);

	const answers = outputOf(result, 'Answer');
	expect(answers.map(({ content, error }) => content ?? error)).toEqual(
		Array.from({ length: ITEMS }, (_, i) => `Echo from llama3.3-70b-instruct: soak prompt ${i}`),
	);
	const stats = n8n.standIn.stats();
	expect(new Set(Object.values(stats.servedByPrompt))).toEqual(new Set([1]));
	expect(Object.keys(stats.servedByPrompt)).toHaveLength(ITEMS);
	expect(stats.byStatus[429]).toBeGreaterThan(0);
	expect(stats.maxInFlight).toBeLessThanOrEqual(NODE_LIMIT);
	// For the README: the whole n8n execute (start and stop of the CLI included) beside the ideal.
	console.log(JSON.stringify({ admitted: 2, latencyMs: 100, items: ITEMS, elapsedMs, idealMs: (ITEMS / 2) * 100, byStatus: stats.byStatus }));
});

it('keeps the key out of error items, the saved execution and the log when the API quotes it back', async () => {
	n8n.standIn.reset();
	// Every 10th request is answered with the Authorization header quoted back: in a JSON error
	// (400, not retried) and in an HTML gateway page (502, retried until it is answered).
	n8n.standIn.configure({
		faults: [
			{ kind: 'echoKey', every: 10 },
			{ kind: 'echoKey', format: 'html', every: 15 },
		],
	});

	const result = await n8n.execute('dogSoak000000001');
	expectExitCode(result, 0);

	const answers = outputOf(result, 'Answer') as Array<{ content?: string; error?: string }>;
	const failed = answers.filter(({ error }) => error !== undefined);
	expect(answers).toHaveLength(ITEMS);
	expect(failed.length).toBeGreaterThan(0);
	// (A request first answered 502 and then 400 says it was tried twice.)
	for (const { error } of failed) {
		expect(error).toMatch(/^The API rejected the request for model "llama3\.3-70b-instruct" as invalid( \(gave up after \d attempts\))?$/);
	}
	expect(n8n.standIn.stats().byStatus[502]).toBeGreaterThan(0);

	const key = n8n.standIn.key;
	const printed = result.stdout + result.stderr;
	expect(printed).toContain('Bearer [redacted]');
	expect(printed).not.toContain(key);
	expect(readFileSync(path.join(n8n.userFolder, '.n8n', 'database.sqlite')).includes(key)).toBe(false);
});
