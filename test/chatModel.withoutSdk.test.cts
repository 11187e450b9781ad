// On an n8n without the AI node SDK (before 2.16) the Chat Model says what it needs; loading the
// package and the DigitalOcean Gradient node do not depend on the SDK.
import { completion, interceptChat } from './harness/api.cjs';
import { failureOf, supplyChatModel } from './harness/chatModel.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { runNode } from './harness/runNode.cjs';

jest.mock('@n8n/ai-node-sdk', () => {
	throw Object.assign(new Error("Cannot find module '@n8n/ai-node-sdk'"), { code: 'MODULE_NOT_FOUND' });
});

it('the Chat Model fails with the n8n version it needs', async () => {
	const failure = await failureOf(supplyChatModel({ model: { __rl: true, mode: 'list', value: 'llama3.3-70b-instruct' }, options: {} }));
	expect(failure).toMatchObject({
		message: 'The DigitalOcean Gradient Chat Model needs n8n 2.16 or newer',
		description:
			"It is built on n8n's AI node SDK, which this n8n does not have. Update n8n, or call the model with the DigitalOcean Gradient node (Chat → Message a Model).",
	});
});

it('the DigitalOcean Gradient node still answers', async () => {
	interceptChat({ body: completion({ content: 'Still here' }) });
	const run = await runNode({ parameters: chatParameters({ prompt: 'Hello' }) });
	expect(run.items.map(({ json }) => json.content)).toEqual(['Still here']);
});
