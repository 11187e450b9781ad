"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DigitalOceanGradientChatModel = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const failedAttempt_1 = require("./failedAttempt");
const options_1 = require("./options");
const readAnswers_1 = require("./readAnswers");
const sdk_1 = require("./sdk");
const modelPicker_1 = require("../shared/models/modelPicker");
const subNodeTarget_1 = require("../shared/subNodeTarget");
class DigitalOceanGradientChatModel {
    description = {
        displayName: 'DigitalOcean Gradient Chat Model',
        name: 'digitalOceanGradientChatModel',
        icon: {
            light: 'file:../../icons/digitalOceanGradient.svg',
            dark: 'file:../../icons/digitalOceanGradient.dark.svg',
        },
        group: ['transform'],
        version: 1,
        subtitle: '={{ $parameter["model"] }}',
        description: 'A DigitalOcean Gradient model for AI Agents and chains',
        defaults: { name: 'DigitalOcean Gradient Chat Model' },
        inputs: [],
        outputs: [n8n_workflow_1.NodeConnectionTypes.AiLanguageModel],
        outputNames: ['Model'],
        credentials: [{ name: 'digitalOceanGradientApi', required: true }],
        properties: [
            {
                displayName: "This node must be connected to an AI chain. <a data-action='openSelectiveNodeCreator' data-action-parameter-creatorview='AI'>Insert one</a>",
                name: 'notice',
                type: 'notice',
                default: '',
                typeOptions: { containerClass: 'ndv-connection-hint-notice' },
            },
            modelPicker_1.chatModelLocator,
            options_1.chatModelOptions,
        ],
    };
    methods = { listSearch: { searchChatModels: modelPicker_1.searchChatModels } };
    async supplyData(itemIndex) {
        const { apiKey, apiUrl, model } = await (0, subNodeTarget_1.subNodeTarget)(this, itemIndex, 'Pick a model from the list, or enter a model ID.');
        const settings = (0, options_1.modelSettings)(this.getNodeParameter('options', itemIndex, {}));
        const { supplyModel } = await (0, sdk_1.loadAiNodeSdk)(this);
        const retries = new failedAttempt_1.ModelRetries(this.getNode(), model, settings.maxRetries, apiKey);
        const supplied = supplyModel(this, {
            type: 'openai',
            baseUrl: apiUrl,
            apiKey,
            model,
            useResponsesApi: false,
            ...settings,
            onFailedAttempt: retries.onFailedAttempt,
        });
        if (!(0, readAnswers_1.readAnswers)(supplied.response, apiKey)) {
            this.logger.warn("DigitalOcean Gradient Chat Model: this n8n's LangChain has no overridable answer converters, so an empty role is not read as the assistant's and a key quoted in an answer is not hidden");
        }
        (0, failedAttempt_1.countAttemptsPerRequest)(supplied.response, retries);
        return supplied;
    }
}
exports.DigitalOceanGradientChatModel = DigitalOceanGradientChatModel;
//# sourceMappingURL=DigitalOceanGradientChatModel.node.js.map