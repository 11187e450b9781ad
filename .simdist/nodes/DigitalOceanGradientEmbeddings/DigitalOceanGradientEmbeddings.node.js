"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DigitalOceanGradientEmbeddings = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const gradientEmbeddings_1 = require("./gradientEmbeddings");
const options_1 = require("./options");
const vectors_1 = require("../shared/embeddings/vectors");
const subNodeOptions_1 = require("../shared/fields/subNodeOptions");
const input_1 = require("../shared/input");
const modelPicker_1 = require("../shared/models/modelPicker");
const subNodeTarget_1 = require("../shared/subNodeTarget");
const concurrency_1 = require("../shared/transport/concurrency");
const retryPolicy_1 = require("../shared/transport/retryPolicy");
const runCredentials_1 = require("../shared/transport/runCredentials");
class DigitalOceanGradientEmbeddings {
    description = {
        displayName: 'DigitalOcean Gradient Embeddings',
        name: 'digitalOceanGradientEmbeddings',
        icon: {
            light: 'file:../../icons/digitalOceanGradient.svg',
            dark: 'file:../../icons/digitalOceanGradient.dark.svg',
        },
        group: ['transform'],
        version: 1,
        subtitle: '={{ $parameter["model"] }}',
        description: 'Embeddings from a DigitalOcean Gradient model, for vector stores',
        defaults: { name: 'DigitalOcean Gradient Embeddings' },
        inputs: [],
        outputs: [n8n_workflow_1.NodeConnectionTypes.AiEmbedding],
        outputNames: ['Embeddings'],
        credentials: [{ name: runCredentials_1.CREDENTIAL_TYPE, required: true }],
        properties: [
            {
                displayName: "This node must be connected to a vector store. <a data-action='openSelectiveNodeCreator' data-action-parameter-connectiontype='ai_vectorStore'>Insert one</a>",
                name: 'notice',
                type: 'notice',
                default: '',
                typeOptions: { containerClass: 'ndv-connection-hint-notice' },
            },
            modelPicker_1.embeddingModelLocator,
            options_1.embeddingsOptions,
        ],
    };
    methods = { listSearch: { searchEmbeddingModels: modelPicker_1.searchEmbeddingModels } };
    async supplyData(itemIndex) {
        const { credentialData, apiKey, apiUrl, model } = await (0, subNodeTarget_1.subNodeTarget)(this, itemIndex, 'Pick an embedding model from the list, or enter a model ID.');
        const options = this.getNodeParameter('options', itemIndex, {});
        const option = (label, value, fallback, min, max) => {
            if (value === undefined)
                return fallback;
            const number = (0, input_1.wholeNumberIn)(value, min, max);
            if (number !== undefined)
                return number;
            throw new n8n_workflow_1.NodeOperationError(this.getNode(), `${label}: ${(0, input_1.notAWholeNumber)(value, min, max)}`);
        };
        const embeddings = new gradientEmbeddings_1.GradientEmbeddings(this, {
            apiUrl,
            apiKey,
            credentialData,
            model,
            batchSize: option('Batch Size', options.batchSize, vectors_1.DEFAULT_BATCH_SIZE, 1, vectors_1.MAX_INPUTS_PER_REQUEST),
            maxConcurrentRequests: option('Max Concurrent Requests', options.maxConcurrentRequests, concurrency_1.DEFAULT_MAX_CONCURRENT_REQUESTS, 1),
            maxRetries: option('Max Retries', options.maxRetries, retryPolicy_1.DEFAULT_MAX_RETRIES, 0),
            timeout: option('Timeout', options.timeout, subNodeOptions_1.DEFAULT_TIMEOUT_MS, 1),
        });
        return { response: embeddings };
    }
}
exports.DigitalOceanGradientEmbeddings = DigitalOceanGradientEmbeddings;
//# sourceMappingURL=DigitalOceanGradientEmbeddings.node.js.map