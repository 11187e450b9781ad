// A chat in real n8n: the Chat Trigger's public webhook, an AI Agent on our Chat Model with our
// node as its tool, and the answer streamed back. The stand-in answers with DigitalOcean's
// empty role, streamed, as the API has been seen to.
import { setUpRealN8n, STAND_IN_MODEL_IDS, waitForWebhook } from './realN8n.cjs';

const CHAT_URL_PATH = '/webhook/5b0e6d1c-2f4a-4e8b-9c3d-7a1f2e3d4c5b/chat';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
	await n8n.local.mustCli(['publish:workflow', '--id=dogChatAgent0001']);
	await n8n.start();
	// The chat page (GET) is served once the workflow is active.
	await waitForWebhook(`${n8n.url}${CHAT_URL_PATH}`);
});
afterAll(async () => n8n?.tearDown());

/** The chat widget's request; the answer comes back as lines of JSON, its text in "item" chunks. */
async function chat(chatInput: string) {
	const response = await fetch(`${n8n.url}${CHAT_URL_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId: 'e2e-session', chatInput }),
	});
	const text = await response.text();
	const chunks = text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as { type: string; content?: string });
	return { status: response.status, chunks, answer: chunks.filter(({ type }) => type === 'item').map(({ content }) => content).join('') };
}

it('streams the agent\'s answer: the model asks for our node as a tool, then answers from it', async () => {
	n8n.standIn.configure({ emptyRole: true });
	const { status, chunks, answer } = await chat('Which DigitalOcean models may I use? Look them up with the List_Models tool.');

	expect(status).toBe(200);
	expect(chunks.map(({ type }) => type)).toContain('item');
	expect(answer).toMatch(/^The tool answered: /);
	for (const id of STAND_IN_MODEL_IDS) expect(answer).toContain(id);
	// Both calls to the model were streamed; the first asked for the tool.
	expect(n8n.standIn.stats()).toMatchObject({ completions: 2, streamed: 2 });
	expect(answer).not.toContain(n8n.standIn.key);
	expect(n8n.log()).not.toContain(n8n.standIn.key);
});
