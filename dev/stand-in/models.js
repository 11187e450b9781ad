// The model list the stand-in serves: a mix like DigitalOcean's, chat, embedding and image
// models together, with no capability field.
const created = 1752255238;

const MODELS = [
	['llama3.3-70b-instruct', 'digitalocean'],
	['anthropic-claude-3.5-haiku', 'anthropic'],
	['anthropic-claude-4.6-sonnet', 'anthropic'],
	['openai-gpt-4o', 'openai'],
	['openai-gpt-4o-mini', 'openai'],
	['openai-o3-mini', 'openai'],
	['openai-gpt-oss-20b', 'openai'],
	['deepseek-r1-distill-llama-70b', 'deepseek'],
	['alibaba-qwen3-32b', 'alibaba'],
	['mistral-3-14B', 'mistral'],
	['qwen3-embedding-0.6b', 'alibaba'],
	['openai-gpt-image-1', 'openai'],
].map(([id, owner], index) => ({ id, object: 'model', created: created + index, owned_by: owner }));

// What the list does not say: which models embed and which draw. Another model on those
// endpoints is refused.
const EMBEDDING_MODELS = new Set(['qwen3-embedding-0.6b']);
const IMAGE_MODELS = new Set(['openai-gpt-image-1']);
const REASONING = /(^|-)(o3|r1|gpt-oss)(-|$)/;

module.exports = { EMBEDDING_MODELS, IMAGE_MODELS, MODELS, REASONING };
