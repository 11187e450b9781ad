// n8n's answer to outgrowing one process: queue mode, with Redis between a main process that
// takes the work and worker processes that run it. Our node must run on the workers.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { freePort, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;
let redis: ChildProcess;
const workers: Array<{ log(): string; stop(): Promise<void> }> = [];

beforeAll(async () => {
	const redisPort = await freePort();
	redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		stdio: 'ignore',
	});
	n8n = await setUpRealN8n();
	await n8n.importWorkflow(path.join(__dirname, 'workflows', 'queue-webhook.json'));
	await n8n.local.mustCli(['publish:workflow', '--id=dogQueueWebhook1']);

	const queueMode = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
	await n8n.start(queueMode);
	for (let i = 0; i < 2; i++) {
		workers.push(
			await n8n.local.spawnProcess('worker', {
				env: {
					...queueMode,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
				},
				ready: async (log: string) => log.includes('n8n worker is now ready'),
			}),
		);
	}
});

afterAll(async () => {
	await Promise.all(workers.map((worker) => worker.stop()));
	await n8n?.tearDown();
	redis?.kill();
});

it('runs our node on the workers: every webhook call answered, every execution finished by a worker', async () => {
	const prompts = Array.from({ length: 6 }, (_, i) => `queued prompt ${i}`);
	const answers = await Promise.all(
		prompts.map(async (prompt) => {
			const response = await fetch(`${n8n.url}/webhook/gradient-queue`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ prompt }),
			});
			return (await response.json()) as { content?: string };
		}),
	);
	expect(answers.map(({ content }) => content)).toEqual(
		prompts.map((prompt) => `Echo from llama3.3-70b-instruct: ${prompt}`),
	);

	const finishedOn = workers.map((worker) => worker.log().match(/Worker finished execution \d+/g) ?? []);
	expect(finishedOn.flat()).toHaveLength(prompts.length);
	expect(n8n.log()).not.toMatch(/Worker finished execution/);
	expect(n8n.standIn.stats().servedByPrompt).toEqual(Object.fromEntries(prompts.map((prompt) => [prompt, 1])));
	console.log(`Executions finished per worker: ${finishedOn.map((list) => list.length).join(', ')}`);
});
