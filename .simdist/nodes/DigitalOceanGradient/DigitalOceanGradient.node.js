"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DigitalOceanGradient = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const define_1 = require("./resources/define");
const resources_1 = require("./resources");
const modelPicker_1 = require("../shared/models/modelPicker");
const request_1 = require("../shared/transport/request");
const requestOptions_1 = require("../shared/transport/requestOptions");
class DigitalOceanGradient {
    description = {
        displayName: 'DigitalOcean Gradient',
        name: 'digitalOceanGradient',
        icon: {
            light: 'file:../../icons/digitalOceanGradient.svg',
            dark: 'file:../../icons/digitalOceanGradient.dark.svg',
        },
        group: ['transform'],
        version: 1,
        subtitle: (0, define_1.subtitleOf)(resources_1.RESOURCES),
        description: 'Chat with the models of DigitalOcean Gradient serverless inference, one request at a time or thousands as a batch, embed texts, and generate images, audio and speech',
        defaults: { name: 'DigitalOcean Gradient' },
        usableAsTool: true,
        inputs: [n8n_workflow_1.NodeConnectionTypes.Main],
        outputs: [n8n_workflow_1.NodeConnectionTypes.Main],
        credentials: [{ name: 'digitalOceanGradientApi', required: true }],
        requestDefaults: {
            headers: { Accept: 'application/json' },
            json: true,
            ignoreHttpStatusErrors: true,
        },
        requestOperations: { pagination: request_1.sendRequest },
        properties: [
            (0, define_1.resourceSelector)(resources_1.RESOURCES),
            ...resources_1.RESOURCES.flatMap(({ properties }) => properties),
            requestOptions_1.requestOptionsProperty,
        ],
    };
    customOperations = (0, define_1.customOperationsOf)(() => this.description, resources_1.RESOURCES);
    methods = {
        listSearch: { searchChatModels: modelPicker_1.searchChatModels, searchEmbeddingModels: modelPicker_1.searchEmbeddingModels, searchFalModels: modelPicker_1.searchFalModels, searchImageModels: modelPicker_1.searchImageModels },
    };
}
exports.DigitalOceanGradient = DigitalOceanGradient;
//# sourceMappingURL=DigitalOceanGradient.node.js.map