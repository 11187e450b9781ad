// Executions share a key: two webhook calls at once in one real n8n spend one quota. The node's
// pacer is per credential in the n8n process, so the second execution paces itself by what the
// first one's answers announced, and the API turns (almost) nothing away. What is asserted is
// what the API saw; the times are printed beside one execution of all the items (see bench/).
import path from 'node:path';

import { setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
	await n8n.importWorkflow(path.join(__dirname, 'workflows', 'quota-webhook.json'));
	await n8n.local.mustCli(['publish:workflow', '--id=dogQuotaWebhook1']);
	await n8n.start();
});

afterAll(async () => await n8n?.tearDown());

async function ask(tag: string, count: number) {
	const started = Date.now();
	const response = await fetch(`${n8n.url}/webhook/gradient-quota`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ tag, count }),
	});
	const items = (await response.json()) as Array<{ content?: string; error?: string }>;
	return { items, seconds: (Date.now() - started) / 1000 };
}

const echoes = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `Echo from llama3.3-70b-instruct: ${tag} ${i}`);
const turnedAway = () => n8n.standIn.stats().byStatus['429'] ?? 0;

it('paces two executions at once by one quota: every item answered once, next to nothing turned away', async () => {
	// 5 at once, refilling 20 a second, answers in 200 ms: 40 items take about 2 s of quota.
	n8n.standIn.configure({ latencyMs: 200, quota: { requests: { capacity: 5, perSecond: 20 } } });
	// The first execution finds the quota (its first round goes before any answer announces it).
	const first = await ask('warm-up', 20);
	expect(first.items.map(({ content }) => content)).toEqual(echoes('warm-up', 20));

	const before = turnedAway();
	const [one, other] = await Promise.all([ask('one', 40), ask('other', 40)]);
	expect(one.items.map(({ content }) => content)).toEqual(echoes('one', 40));
	expect(other.items.map(({ content }) => content)).toEqual(echoes('other', 40));
	const atOnce = turnedAway() - before;
	// A picture of the quota per execution would spend it twice over: about half the requests turned away.
	expect(atOnce).toBeLessThanOrEqual(2);

	const alone = await ask('alone', 80);
	expect(alone.items.map(({ content }) => content)).toEqual(echoes('alone', 80));
	console.log(
		`Two executions of 40 at once: ${one.seconds.toFixed(2)} s and ${other.seconds.toFixed(2)} s, ${atOnce} answers 429; one execution of 80: ${alone.seconds.toFixed(2)} s (webhook round trips)`,
	);
	expect(n8n.standIn.stats().servedByPrompt).toEqual(
		Object.fromEntries(['warm-up', 'one', 'other', 'alone'].flatMap((tag) => echoes(tag, tag === 'warm-up' ? 20 : tag === 'alone' ? 80 : 40).map((_, i) => [`${tag} ${i}`, 1]))),
	);
});
