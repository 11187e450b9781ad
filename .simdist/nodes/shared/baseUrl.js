"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BASE_URL_HINT = void 0;
exports.normalBaseUrl = normalBaseUrl;
exports.baseUrlProblem = baseUrlProblem;
exports.apiV1UrlFrom = apiV1UrlFrom;
const n8n_workflow_1 = require("n8n-workflow");
exports.BASE_URL_HINT = 'Set the Base URL in the DigitalOcean Gradient credential, e.g. https://inference.do-ai.run';
function normalBaseUrl(baseUrl) {
    return String(baseUrl ?? '').trim().replace(/(\/v1)?\/*$/i, '');
}
function baseUrlProblem(baseUrl) {
    return typeof baseUrl === 'string' && /^https?:\/\/[^/]/i.test(baseUrl)
        ? undefined
        : `"${String(baseUrl)}" is not an http:// or https:// address`;
}
function apiV1UrlFrom(node, baseUrl) {
    const normal = normalBaseUrl(baseUrl);
    const problem = baseUrlProblem(normal);
    if (problem)
        throw new n8n_workflow_1.NodeOperationError(node, `Base URL: ${problem}`, { description: exports.BASE_URL_HINT });
    return `${normal}/v1`;
}
//# sourceMappingURL=baseUrl.js.map