// GET /v1/models: the stand-in's mixed model list (../models.js).
const { MODELS } = require('../models');

module.exports = [
	{
		method: 'GET',
		path: '/v1/models',
		async handle(context) {
			if (context.config.latencyMs > 0) await context.sleep(context.config.latencyMs);
			return context.send(200, { object: 'list', data: MODELS });
		},
	},
];
