// Batch inference in a real n8n, against the stand-in (which runs DigitalOcean's documented flow:
// file intent, presigned upload that refuses a key, batch, polls, presigned result files):
// 100 questions answered as one batch on their own items, and a batch created by one execution
// and collected by another, as the two schedules of the README do it.
import { expectExitCode, outputOf, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => n8n?.tearDown());

const delta = (before: Record<string, number>, after: Record<string, number>) =>
	Object.fromEntries(Object.entries(after).map(([route, count]) => [route, count - (before[route] ?? 0)]).filter(([, count]) => count !== 0));

describe('batch inference in real n8n (headless)', () => {
	it('answers 100 questions as one batch, waiting for it: each answer on the item of its question', async () => {
		const before = n8n.standIn.stats();
		const result = await n8n.execute('dogBatchAnswer01');
		expectExitCode(result, 0);
		const after = n8n.standIn.stats();

		const answered = outputOf(result, 'Answer as a batch');
		expect(answered).toHaveLength(100);
		answered.forEach((json, index) => {
			expect(json).toMatchObject({ custom_id: `item-${index}`, content: `Echo from openai-gpt-4o-mini: Question ${index + 1}: what is ${index + 1} times 7?`, finish_reason: 'stop' });
		});
		// The next node reads each answer's own question through n8n's item pairing.
		const paired = outputOf(result, 'Question and answer');
		expect(paired).toHaveLength(100);
		paired.forEach(({ question, answer }) => expect(answer).toBe(`Echo from openai-gpt-4o-mini: ${String(question)}`));

		const requests = delta(before.byRoute, after.byRoute);
		expect(requests).toMatchObject({ 'POST /v1/batches/files': 1, 'PUT /_upload/{file_id}': 1, 'POST /v1/batches': 1, 'GET /v1/batches/{batch_id}/results': 1, 'GET /_files/{batch_id}/{file}': 1 });
		expect(requests['GET /v1/batches/{batch_id}']).toBeGreaterThanOrEqual(3);
		expect(requests['POST /v1/chat/completions']).toBeUndefined();
		expect(after.presignedWithAuth).toBe(before.presignedWithAuth);
		expect(JSON.stringify(result.output)).not.toContain(n8n.standIn.key);
	});

	it('creates a batch in one execution and collects its answers by batch ID in another', async () => {
		const created = await n8n.execute('dogBatchTonight1');
		expectExitCode(created, 0);
		const [batch, ...others] = outputOf(created, 'Create batch');
		expect(others).toEqual([]);
		expect(batch).toMatchObject({ status: 'validating', metadata: { workflow: 'nightly-questions' }, provider: 'openai', endpoint: '/v1/chat/completions' });

		const collected = await n8n.execute('dogBatchMorning1');
		expectExitCode(collected, 0);
		expect(outputOf(collected, 'Newest only')).toEqual([expect.objectContaining({ batch_id: batch.batch_id })]);
		const answers = outputOf(collected, 'Answers');
		expect(answers.map(({ custom_id: customId, content }) => [customId, content])).toEqual(
			Array.from({ length: 20 }, (_, index) => [`q-${index + 1}`, `Echo from openai-gpt-4o-mini: Question ${index + 1}: name a colour.`]),
		);
		expect(JSON.stringify([created.output, collected.output])).not.toContain(n8n.standIn.key);
	});
});
