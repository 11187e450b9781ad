// The agent that the stand-in's agent endpoint (routes/agent.js) plays: a DigitalOcean Gradient
// agent with a small knowledge base, two functions and two guardrails. It decides by rules
// alone, so the same question always gets the same answer and tests can assert on it.
const { lastUserText } = require('./completions');

// The model the agent runs on: its answers name it, whatever `model` the request sends.
const AGENT_MODEL = 'anthropic-claude-4.6-sonnet';

// What a triggered guardrail answers instead of the agent: DigitalOcean's default agent response.
const AGENT_GUARDRAIL_RESPONSE =
	"I'm not able to respond to that request, but I can answer other questions. How can I help you with something else?";

// The knowledge base's passages (chunks), as DigitalOcean's retrieval info describes them. `index` is
// the knowledge base's UUID; `data_source_id` names the uploaded file's data source.
const KNOWLEDGE_BASE_UUID = '9a4e3c1d-0b7f-4e2a-8c55-6f1d2e3a4b5c';
const passage = (id, filename, dataSourceId, pageContent, metadata = {}) => ({
	id,
	index: KNOWLEDGE_BASE_UUID,
	page_content: pageContent,
	filename,
	data_source_id: dataSourceId,
	metadata,
});

const AGENT_KNOWLEDGE_BASE = [
	passage(
		'3f6c2a10-0d1e-4b7a-9c01-000000000001',
		'droplets.md',
		'5e2b7c90-1111-4a3b-8c01-0d1e2f3a4b01',
		'To resize a Droplet, power it off, choose a larger plan on its Resize page in the control panel, then power it back on. A CPU and RAM resize can be reversed; a disk resize cannot.',
	),
	passage(
		'3f6c2a10-0d1e-4b7a-9c01-000000000002',
		'spaces.md',
		'5e2b7c90-2222-4a3b-8c01-0d1e2f3a4b02',
		'Spaces is S3-compatible object storage. Each bucket gets its own endpoint, files can be served through the built-in CDN, and access keys are created in the control panel under API.',
	),
	passage(
		'3f6c2a10-0d1e-4b7a-9c01-000000000003',
		'refund-policy.pdf',
		'5e2b7c90-3333-4a3b-8c01-0d1e2f3a4b03',
		'Refunds are issued as account credit for unused prepaid resources. A refund must be requested from billing support within 30 days of the charge.',
		{ page_number: 2 },
	),
	passage(
		'3f6c2a10-0d1e-4b7a-9c01-000000000004',
		'support-hours.md',
		'5e2b7c90-4444-4a3b-8c01-0d1e2f3a4b04',
		'Support answers tickets 24 hours a day, 7 days a week, through the control panel. Phone support is offered on business days from 9:00 to 17:00 Eastern Time.',
	),
];

/** The distinct words of 4 letters or more in a text, lower-cased: what retrieval matches on. */
const wordsOf = (text) => new Set((text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length >= 4));
const PASSAGE_WORDS = new Map(AGENT_KNOWLEDGE_BASE.map((each) => [each, wordsOf(each.page_content)]));

/**
 * The passages that share a word with the question, most shared words first (the knowledge
 * base's order among equals), at most 2; `score` is the share of the question's words found.
 */
function retrieve(question) {
	const asked = [...wordsOf(question)];
	return AGENT_KNOWLEDGE_BASE.map((each) => ({ passage: each, shared: asked.filter((word) => PASSAGE_WORDS.get(each).has(word)).length }))
		.filter(({ shared }) => shared > 0)
		.sort((a, b) => b.shared - a.shared)
		.slice(0, 2)
		.map(({ passage: { id, index, page_content: pageContent, filename, data_source_id: dataSourceId, metadata }, shared }) => ({
			id,
			index,
			page_content: pageContent,
			score: Math.round((shared / asked.length) * 1000) / 1000,
			filename,
			data_source_id: dataSourceId,
			metadata,
		}));
}

// The functions the agent calls, each when the question mentions its subject.
const FUNCTIONS = [
	{ name: 'get_weather', subject: /\bweather\b/i },
	{ name: 'check_order_status', subject: /\borders?\b/i },
];

// The guardrails, checked on the question before the agent answers. The message says what
// triggered one without quoting it (a card number is not repeated back).
const GUARDRAILS = [
	{
		rule_name: 'sensitive_data',
		// 16 digits, alone or in groups of 4 split by spaces or dashes.
		pattern: /(?<!\d)\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?!\d)/,
		message: 'The message contains what looks like a payment card number.',
	},
	{ rule_name: 'jailbreak', pattern: /ignore\s+previous\s+instructions/i, message: 'The message asks the agent to ignore its previous instructions.' },
];

/**
 * The agent's turn on a conversation: its reply (`content`), the passages it retrieved, the
 * functions it called and the guardrails the last user message triggered. A triggered
 * guardrail answers with the default agent response, and nothing is retrieved or called.
 */
function agentTurn(messages) {
	const question = lastUserText(messages);
	const triggeredGuardrails = GUARDRAILS.filter(({ pattern }) => pattern.test(question)).map(({ rule_name: ruleName, message }) => ({
		rule_name: ruleName,
		message,
	}));
	if (triggeredGuardrails.length > 0) return { content: AGENT_GUARDRAIL_RESPONSE, retrieved: [], calledFunctions: [], triggeredGuardrails };

	const retrieved = retrieve(question);
	const sources = retrieved.length > 0 ? ` (sources: ${retrieved.map(({ filename }) => filename).join(', ')})` : '';
	return {
		content: `Agent answer: ${question}${sources}`,
		retrieved,
		calledFunctions: FUNCTIONS.filter(({ subject }) => subject.test(question)).map(({ name }) => name),
		triggeredGuardrails,
	};
}

module.exports = { AGENT_GUARDRAIL_RESPONSE, AGENT_KNOWLEDGE_BASE, AGENT_MODEL, agentTurn };
