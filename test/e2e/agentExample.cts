// examples/agent-support-inbox.json in a real n8n: what the stand-in's agent answers it, and what
// the agent credential's Test says; shared by agent.e2e (headless, the Test: every n8n release
// we support) and agentEditor.e2e (the browser, n8n 2.41.1).
import { AGENT_GUARDRAIL_RESPONSE, AGENT_KNOWLEDGE_BASE, AGENT_MODEL } from '../harness/standIn.cjs';

export const WORKFLOW_ID = 'dogAgentInbox001';
export const AGENT_NODE = 'Ask the support agent';
export const IF_NODE = 'Any guardrail triggered?';

const RESIZE = 'How do I resize a Droplet without losing my data?';
const ORDER = 'What is the status of my order 10482?';
const CARD_NUMBER_GUARDRAIL = { rule_name: 'sensitive_data', message: 'The message contains what looks like a payment card number.' };

const passage = (filename: string, score: number) => ({ ...AGENT_KNOWLEDGE_BASE.find((each) => each.filename === filename), score });

/** An item of the Agent node with all three Include … Info options on: the agent's information as lists, empty when it has none. */
const agentItem = (content: string, info: Record<string, unknown> = {}) => ({
	content,
	finish_reason: 'stop',
	model: AGENT_MODEL,
	usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
	retrieved_data: [],
	sources: [],
	triggered_guardrails: [],
	called_functions: [],
	...info,
});

export const RESIZE_ANSWER = agentItem(`Agent answer: ${RESIZE} (sources: droplets.md)`, { retrieved_data: [passage('droplets.md', 0.4)], sources: ['droplets.md'] });
export const ORDER_ANSWER = agentItem(`Agent answer: ${ORDER}`, { called_functions: ['check_order_status'] });
export const CARD_NUMBER_REFUSAL = agentItem(AGENT_GUARDRAIL_RESPONSE, { triggered_guardrails: [CARD_NUMBER_GUARDRAIL] });

/** What the example's nodes output, read the same way from a headless run and from a run in the editor. */
export const whatRan = (items: (node: string, output?: number) => Array<Record<string, unknown>>) => ({
	agent: items(AGENT_NODE),
	guardrailTriggeredBranch: items(IF_NODE, 0),
	answeredBranch: items(IF_NODE, 1),
	guardrailTriggered: items('Guardrail triggered'),
	answered: items('Answered'),
});

export const EXPECTED_RUN = {
	agent: [RESIZE_ANSWER, ORDER_ANSWER, CARD_NUMBER_REFUSAL],
	guardrailTriggeredBranch: [CARD_NUMBER_REFUSAL],
	answeredBranch: [RESIZE_ANSWER, ORDER_ANSWER],
	guardrailTriggered: [{ ticket: 'T-1003', guardrails: ['sensitive_data'], reason: CARD_NUMBER_GUARDRAIL.message }],
	answered: [
		{ ticket: 'T-1001', reply: RESIZE_ANSWER.content, sources: ['droplets.md'] },
		{ ticket: 'T-1002', reply: ORDER_ANSWER.content, sources: [] },
	],
};

// The credential Test's rules (credentials/DigitalOceanGradientAgentApi.credentials.ts).
const KEY_REJECTED =
	"The agent rejected the endpoint access key. Create one on the agent's Settings tab (Endpoint Access Keys → Create Key); a model access key does not work for an agent.";
const NOTHING_ANSWERS =
	"Nothing answers at this Agent Endpoint. Copy the URL under ENDPOINT on the agent's Overview page (e.g. https://abcdefghijklmnopqrstuvwx.agents.do-ai.run).";
export const WEB_PAGE_ANSWERS =
	"The Agent Endpoint answered with a web page or other text, not an agent's answer: copy the URL under ENDPOINT on the agent's Overview page, not the control panel's address.";

/**
 * What the Test says when the agent's address answers with an error status: the status's rule on
 * n8n 2.41.1. The testers of n8n 2.16 and 1.123 do not find the status of the failed request, so
 * they say their own words instead (as credential.e2e shows for the model credential's 401).
 */
const byStatus = (n8nVersion: string, rule: string, testersOwnWords: string) => (n8nVersion === '2.41.1' ? rule : testersOwnWords);
export const keyRejected = (n8nVersion: string) => byStatus(n8nVersion, KEY_REJECTED, 'Authorization failed - please check your credentials');
export const nothingAnswers = (n8nVersion: string) => byStatus(n8nVersion, NOTHING_ANSWERS, 'The resource you are requesting could not be found');
