// The checks every endpoint that names a model makes, in DigitalOcean's order: a JSON body, a
// valid request, a model the key may use, a model that can do this (when `able` is given).

/** The request body once it is JSON and valid, or undefined once the refusal has been sent. */
function validBody(context, invalid) {
	const body = context.json();
	if (body === undefined) return undefined;
	const problem = invalid(body);
	if (problem) return void context.badRequest(problem);
	return body;
}

/**
 * The request body once it passes, or undefined once the refusal has been sent.
 * `able`: { models: Set of model IDs, refusal: (model) => message } for endpoints that only
 * some models serve. `known`: which names the endpoint takes as its model (the key's models,
 * unless told; routers too where they route).
 */
function acceptedBody(context, invalid, able, known = context.isModel) {
	const body = validBody(context, invalid);
	if (body === undefined) return undefined;
	if (!known(body.model)) return void context.unknownModel(body.model);
	if (able && !able.models.has(body.model)) return void context.badRequest(able.refusal(body.model));
	return body;
}

module.exports = { acceptedBody, validBody };
