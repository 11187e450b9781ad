// The stand-in's route table: one module per DigitalOcean endpoint (or family of endpoints),
// each a list of { method, path (a template such as /v1/batches/{batch_id}, whose parameters
// the handler gets in order), handle(context, params, url) } plus, where needed, `errorStyle: 'openai'` (400s as
// {error: {message, type}}), `store` (the name of what it keeps between requests) and
// `presigned: true` (no key, no limits: a signed URL DigitalOcean hands out).
const ROUTES = [
	...require('./models'),
	...require('./chatCompletions'),
	...require('./responses'),
	...require('./embeddings'),
	...require('./images'),
	...require('./asyncInvoke'),
	...require('./batches'),
];

module.exports = { ROUTES };
