"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DigitalOceanGradientApi = exports.BASE_URL_EXPRESSION = exports.DEFAULT_BASE_URL = void 0;
exports.DEFAULT_BASE_URL = 'https://inference.do-ai.run';
exports.BASE_URL_EXPRESSION = '={{ String($credentials.baseUrl || "").trim().replace(/(\\/v1)?\\/*$/i, "") }}';
const TEST_RULES = [
    {
        type: 'responseCode',
        properties: {
            value: 401,
            message: 'The model access key was rejected. Copy it again from the DigitalOcean control panel (Gradient AI Platform → Serverless Inference → Model Access Keys).',
        },
    },
    {
        type: 'responseSuccessBody',
        properties: {
            key: 'constructor.name',
            value: 'String',
            message: `The Base URL answered GET /v1/models with a web page or other text, not the inference API's model list: it points at another server. Use ${exports.DEFAULT_BASE_URL}, or the address of a compatible proxy.`,
        },
    },
    {
        type: 'responseSuccessBody',
        properties: {
            key: 'data',
            value: undefined,
            message: `The Base URL answered GET /v1/models with JSON that holds no model list ("data"), so it is not DigitalOcean's inference API. Use ${exports.DEFAULT_BASE_URL}, or the address of a proxy that answers as it does.`,
        },
    },
];
class DigitalOceanGradientApi {
    name = 'digitalOceanGradientApi';
    displayName = 'DigitalOcean Gradient API';
    icon = {
        light: 'file:../icons/digitalOceanGradient.svg',
        dark: 'file:../icons/digitalOceanGradient.dark.svg',
    };
    documentationUrl = 'https://docs.digitalocean.com/products/gradient-ai-platform/how-to/use-serverless-inference/';
    properties = [
        {
            displayName: 'Model Access Key',
            name: 'apiKey',
            type: 'string',
            typeOptions: { password: true },
            required: true,
            default: '',
            description: 'A model access key for serverless inference, created in the DigitalOcean control panel under Gradient AI Platform',
        },
        {
            displayName: 'Base URL',
            name: 'baseUrl',
            type: 'string',
            default: exports.DEFAULT_BASE_URL,
            placeholder: `e.g. ${exports.DEFAULT_BASE_URL}`,
            description: "Where the inference API lives. Change it only to go through a proxy or a compatible server; requests go to this URL's /v1/… paths.",
        },
    ];
    authenticate = async (credentials, requestOptions) => ({
        ...requestOptions,
        headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '').trim()}` },
    });
    test = {
        request: {
            baseURL: exports.BASE_URL_EXPRESSION,
            url: '/v1/models',
        },
        rules: TEST_RULES,
    };
}
exports.DigitalOceanGradientApi = DigitalOceanGradientApi;
//# sourceMappingURL=DigitalOceanGradientApi.credentials.js.map