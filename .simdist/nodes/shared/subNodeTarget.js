"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.subNodeTarget = subNodeTarget;
const n8n_workflow_1 = require("n8n-workflow");
const baseUrl_1 = require("./baseUrl");
const runCredentials_1 = require("./transport/runCredentials");
async function subNodeTarget(context, itemIndex, pickHint) {
    const credentialData = await context.getCredentials(runCredentials_1.CREDENTIAL_TYPE);
    const apiKey = String(credentialData.apiKey ?? '').trim();
    const apiUrl = (0, baseUrl_1.apiV1UrlFrom)(context.getNode(), credentialData.baseUrl);
    const value = context.getNodeParameter('model', itemIndex, '', { extractValue: true });
    const model = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (model === '') {
        throw new n8n_workflow_1.NodeOperationError(context.getNode(), 'Model: no model is selected', { description: pickHint });
    }
    return { credentialData, apiKey, apiUrl, model };
}
//# sourceMappingURL=subNodeTarget.js.map