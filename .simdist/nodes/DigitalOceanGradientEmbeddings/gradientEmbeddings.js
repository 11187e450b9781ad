"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GradientEmbeddings = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const vectors_1 = require("../shared/embeddings/vectors");
const answers_1 = require("../shared/transport/answers");
const attempts_1 = require("../shared/transport/attempts");
const concurrency_1 = require("../shared/transport/concurrency");
const pacer_1 = require("../shared/transport/pacer");
const runCredentials_1 = require("../shared/transport/runCredentials");
const secrets_1 = require("../shared/transport/secrets");
class GradientEmbeddings {
    context;
    settings;
    slots;
    pacer;
    constructor(context, settings) {
        this.context = context;
        this.settings = settings;
        this.pacer = (0, runCredentials_1.credentialPacer)(context.getNode(), settings.credentialData);
        const { pacer } = this;
        this.slots = new concurrency_1.AdaptiveSlots(settings.maxConcurrentRequests, undefined, () => pacer.governs);
    }
    async embedDocuments(documents) {
        return await this.logged({ documents }, 'ai-document-embedded', async () => {
            const texts = this.textsOf(documents);
            const { batchSize } = this.settings;
            const batches = Array.from({ length: Math.ceil(texts.length / batchSize) }, (_, index) => texts.slice(index * batchSize, (index + 1) * batchSize));
            return await this.untilOneFails(async (call) => {
                const vectors = await Promise.all(batches.map(async (batch) => await this.embed(batch, call)));
                return vectors.flat();
            });
        });
    }
    async embedQuery(query) {
        return await this.logged({ query }, 'ai-query-embedded', async () => {
            const text = this.textOf(query, 'Query');
            const [vector] = await this.untilOneFails(async (call) => await this.embed([text], call));
            return vector;
        });
    }
    async untilOneFails(requests) {
        const call = new AbortController();
        const execution = this.context.getExecutionCancelSignal?.();
        const onCancel = () => call.abort(execution?.reason);
        if (execution?.aborted)
            onCancel();
        execution?.addEventListener('abort', onCancel, { once: true });
        try {
            return await requests(call);
        }
        finally {
            execution?.removeEventListener('abort', onCancel);
        }
    }
    textOf(value, what) {
        const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
        if (typeof text !== 'string')
            throw this.inputError(`${what}: is not text`);
        if (text.trim() === '')
            throw this.inputError(`${what}: is empty; there is nothing to embed`);
        return text;
    }
    textsOf(documents) {
        if (!Array.isArray(documents))
            throw this.inputError('Documents: not a list of texts');
        return documents.map((document, index) => this.textOf(document, `Document ${index}`));
    }
    inputError(message) {
        return new n8n_workflow_1.NodeOperationError(this.context.getNode(), message, {
            description: 'Each document the vector store embeds needs some text: check what the document loader gives it.',
        });
    }
    async embed(inputs, call) {
        const { model, maxRetries } = this.settings;
        const node = this.context.getNode();
        try {
            const body = await (0, attempts_1.sendWithRetries)(async () => await this.send(inputs, call.signal), {
                slots: this.slots,
                maxRetries,
                signal: call.signal,
                giveUp: (failure, note) => {
                    const worded = (0, attempts_1.failureError)(node, failure, { model, note });
                    call.abort(worded);
                    return worded;
                },
            });
            const answer = (0, vectors_1.readEmbeddingsAnswer)(body, inputs.length);
            if (typeof answer === 'string') {
                throw (0, answers_1.answerError)(node, body, {
                    message: answer,
                    description: 'Check that the model is an embedding model, and the Base URL in the DigitalOcean Gradient credential.',
                });
            }
            return answer.vectors;
        }
        catch (error) {
            const worded = (0, attempts_1.failureError)(node, error, { model });
            call.abort(worded);
            throw worded;
        }
    }
    async send(inputs, signal) {
        const { apiUrl, apiKey, credentialData, model, timeout } = this.settings;
        const options = {
            method: 'POST',
            url: `${apiUrl}/embeddings`,
            headers: { Accept: 'application/json' },
            body: { model, input: inputs },
            json: true,
            ignoreHttpStatusErrors: true,
            returnFullResponse: true,
            timeout,
            abortSignal: signal,
        };
        const response = (await (0, pacer_1.sendPaced)(this.pacer, options, signal, async () => await this.context.helpers.httpRequestWithAuthentication.call(this.context, runCredentials_1.CREDENTIAL_TYPE, options, {
            credentialsDecrypted: (0, runCredentials_1.decryptedCredential)(this.context.getNode(), credentialData),
        })));
        const answer = {
            statusCode: response.statusCode,
            body: (0, secrets_1.withoutSecret)(response.body, apiKey),
            headers: (0, secrets_1.withoutSecret)(response.headers, apiKey),
        };
        if ((0, answers_1.apiErrorFor)(this.context.getNode(), answer))
            throw new answers_1.UnsuccessfulAnswer(answer);
        return answer.body;
    }
    async logged(input, event, call) {
        const { context } = this;
        const { index } = context.addInputData(n8n_workflow_1.NodeConnectionTypes.AiEmbedding, [[{ json: input }]]);
        try {
            const response = await call();
            try {
                context.logAiEvent(event);
            }
            catch {
                context.logger.debug(`DigitalOcean Gradient Embeddings: could not log the event ${event}`);
            }
            context.addOutputData(n8n_workflow_1.NodeConnectionTypes.AiEmbedding, index, [[{ json: { response } }]]);
            return response;
        }
        catch (error) {
            const nodeError = error instanceof n8n_workflow_1.NodeOperationError
                ? error
                : new n8n_workflow_1.NodeOperationError(context.getNode(), error, { functionality: 'configuration-node' });
            context.addOutputData(n8n_workflow_1.NodeConnectionTypes.AiEmbedding, index, nodeError);
            throw nodeError;
        }
    }
}
exports.GradientEmbeddings = GradientEmbeddings;
//# sourceMappingURL=gradientEmbeddings.js.map