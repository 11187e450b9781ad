// The stand-in's route table: one module per DigitalOcean endpoint (or family of endpoints),
// each a list of { method, path (a template such as /v1/batches/{batch_id}, whose parameters
// the handler gets in order), handle(context, params, url) } plus, where needed, `errorStyle: 'openai'` (400s as
// {error: {message, type}}), `store` (the name of what it keeps between requests),
// `presigned: true` (no key, no limits: a signed URL DigitalOcean hands out), `key: 'agent'` (the
// agent's endpoint access key instead of the model access key) and `tokens(body)` (what the
// request counts against the token quota, else its size).
const ROUTES = [
	...require('./models'),
	...require('./chatCompletions'),
	...require('./responses'),
	...require('./embeddings'),
	...require('./images'),
	...require('./asyncInvoke'),
	...require('./batches'),
	...require('./agent'),
];

module.exports = { ROUTES };
