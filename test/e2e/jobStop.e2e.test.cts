// A fal job waited for in a running n8n, stopped through n8n's REST API the way the editor's
// Stop button does: the wait must end at once and nothing more be sent. (n8n 2.x: the workflow
// is published with the CLI's publish:workflow.)
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { OWNER, setUpRealN8n, waitForWebhook } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => n8n?.tearDown());

const requestsTo = (route: string) => n8n.standIn.stats().byRoute[route] ?? 0;

describe('stopping a waiting job in a running n8n', () => {
	it('the Stop of an execution ends the wait at once: no status poll is sent after it', async () => {
		const webhook = JSON.parse(readFileSync(path.join(__dirname, 'workflows', 'job-webhook.json'), 'utf8'));
		await n8n.importWorkflowObject(webhook);
		await n8n.local.mustCli(['publish:workflow', `--id=${webhook.id}`]);
		await n8n.start();
		const rest = n8n.rest();
		await rest.signIn(OWNER);
		// A job that never finishes while the test watches.
		n8n.standIn.configure({ jobPolls: 1_000_000 });
		try {
			const polls = () => requestsTo('GET /v1/async-invoke/{request_id}/status');
			const before = polls();
			// The first call that n8n does not answer with 404 starts the one execution.
			await waitForWebhook(`${n8n.url}/webhook/gradient-job`, 'POST');

			// The job is being polled: the execution is waiting in our node.
			const running = await until(async () => {
				const { json } = await rest.request('GET', '/rest/executions?filter=' + encodeURIComponent(JSON.stringify({ status: ['running'] })));
				const found = (json?.data?.results ?? []) as Array<{ id: string }>;
				return polls() >= before + 2 && found.length > 0 ? found : undefined;
			}).then((found) => {
				expect(found).toHaveLength(1);
				return found[0];
			});
			const stop = await rest.request('POST', `/rest/executions/${running.id}/stop`);
			expect(stop.status).toBe(200);
			const atStop = polls();

			const stopped = await until(async () => {
				const { json } = await rest.request('GET', `/rest/executions/${running.id}`);
				return json?.data?.status && json.data.status !== 'running' ? json.data : undefined;
			});
			expect(stopped.status).toBe('canceled');
			// Longer than the longest wait between two polls (5 s): a poll still pending would have come.
			await new Promise((resolve) => setTimeout(resolve, 6_000));
			expect(polls()).toBe(atStop);
			expect(n8n.log()).not.toContain(n8n.standIn.key);
		} finally {
			n8n.standIn.configure({ jobPolls: 2 });
			await n8n.stop();
		}
	});
});

/** Asks `check` every 250 ms until it gives something, for at most 60 s. */
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const found = await check();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`Gave up waiting after 60 s: ${check.toString()}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
