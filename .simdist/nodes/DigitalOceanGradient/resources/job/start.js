"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.start = void 0;
exports.sendInputJson = sendInputJson;
exports.sendAdditionalInput = sendAdditionalInput;
exports.sendTags = sendTags;
const jobs_1 = require("./jobs");
const waiting_1 = require("./waiting");
const options_1 = require("../../../shared/fields/options");
const input_1 = require("../../../shared/input");
const modelPicker_1 = require("../../../shared/models/modelPicker");
const request_1 = require("../../../shared/transport/request");
const define_1 = require("../define");
const modelField_1 = require("../modelField");
const KINDS = ['image', 'audio', 'speech'];
const forKinds = (...kinds) => ({ show: { '/kind': kinds } });
function objectOf(context, field, value) {
    const parsed = (0, input_1.parseJsonField)(context, field, value);
    if (!(0, input_1.isPlainObject)(parsed))
        throw (0, input_1.invalidInput)(context, field, 'must be a JSON object such as {"prompt": "a red fox"}');
    return parsed;
}
async function sendInputJson(requestOptions) {
    const input = objectOf(this, 'Input (JSON)', this.getNodeParameter('inputJson', '{}'));
    if (Object.keys(input).length === 0)
        throw (0, input_1.invalidInput)(this, 'Input (JSON)', 'is empty; give the input fields the model takes, e.g. {"prompt": "a red fox"}');
    requestOptions.body.input = input;
    return requestOptions;
}
async function sendAdditionalInput(requestOptions) {
    const extra = objectOf(this, 'Additional Input Fields', this.getNodeParameter('options.additionalInput', '{}'));
    const body = requestOptions.body;
    body.input = { ...body.input, ...extra };
    return requestOptions;
}
async function sendTags(requestOptions) {
    const rows = this.getNodeParameter('options.tags.values', []);
    const tags = rows.map(({ key, value }) => ({ key: (0, input_1.textOf)(this, 'Tags → Key', key).trim(), value: (0, input_1.textOf)(this, 'Tags → Value', value) }));
    if (tags.some(({ key }) => key === ''))
        throw (0, input_1.invalidInput)(this, 'Tags', 'a tag has no key');
    if (tags.length > 0)
        requestOptions.body.tags = tags;
    return requestOptions;
}
const properties = [
    (0, modelField_1.modelFieldFrom)(modelPicker_1.falModelLocator, 'model_id'),
    {
        displayName: 'Kind of Model',
        name: 'kind',
        type: 'options',
        noDataExpression: true,
        default: 'image',
        description: 'Which input fields to show; JSON takes the input of any fal model',
        options: [
            { name: 'Image', value: 'image', description: 'A prompt, e.g. fal-ai/flux/schnell or fal-ai/fast-sdxl' },
            { name: 'Audio', value: 'audio', description: 'A prompt and a duration, e.g. fal-ai/stable-audio-25/text-to-audio' },
            { name: 'Speech', value: 'speech', description: 'A text to read out, e.g. fal-ai/elevenlabs/tts/multilingual-v2' },
            { name: 'Any Model (JSON)', value: 'json', description: "The model's input as JSON, as its fal page documents it" },
        ],
    },
    {
        displayName: 'Prompt',
        name: 'prompt',
        type: 'string',
        required: true,
        default: '',
        placeholder: 'e.g. A red fox in the snow, photo',
        description: 'What to make, sent as the input\'s "prompt"',
        typeOptions: { rows: 3 },
        displayOptions: { show: { kind: ['image', 'audio'] } },
        routing: { send: { type: 'body', property: 'input.prompt', preSend: [(0, options_1.checkText)('Prompt', 'input.prompt')] } },
    },
    {
        displayName: 'Text',
        name: 'text',
        type: 'string',
        required: true,
        default: '',
        placeholder: 'e.g. Your order has shipped.',
        description: 'The text to speak, sent as the input\'s "text"',
        typeOptions: { rows: 3 },
        displayOptions: { show: { kind: ['speech'] } },
        routing: { send: { type: 'body', property: 'input.text', preSend: [(0, options_1.checkText)('Text', 'input.text')] } },
    },
    {
        displayName: 'Input (JSON)',
        name: 'inputJson',
        type: 'json',
        required: true,
        default: '{\n  "prompt": ""\n}',
        description: "The model's input object, sent as the request's \"input\"",
        displayOptions: { show: { kind: ['json'] } },
        routing: { send: { preSend: [sendInputJson] } },
    },
    waiting_1.waitForCompletionField,
    (0, options_1.optionsCollection)([
        {
            displayName: 'Additional Input Fields',
            name: 'additionalInput',
            type: 'json',
            default: '{}',
            description: 'More input fields for the model, as JSON, e.g. {"voice": "Rachel"} for speech or {"seed": 42}',
            displayOptions: forKinds(...KINDS),
            routing: { send: { preSend: [sendAdditionalInput] } },
        },
        {
            ...(0, options_1.numberOption)({
                displayName: 'Duration (Seconds)',
                name: 'secondsTotal',
                default: 10,
                property: 'input.seconds_total',
                description: 'How long the audio is, sent as "seconds_total"',
            }, { min: 1, integer: true }),
            displayOptions: forKinds('audio'),
        },
        {
            displayName: 'Enable Safety Checker',
            name: 'enableSafetyChecker',
            type: 'boolean',
            default: true,
            description: 'Whether the model filters unsafe images, sent as "enable_safety_checker"',
            displayOptions: forKinds('image'),
            routing: (0, options_1.sentAs)('input.enable_safety_checker'),
        },
        ...waiting_1.finishedJobOptions,
        {
            ...(0, options_1.numberOption)({
                displayName: 'Guidance Scale',
                name: 'guidanceScale',
                default: 3.5,
                property: 'input.guidance_scale',
                description: 'How closely the image follows the prompt, sent as "guidance_scale"',
            }, { min: 0 }),
            displayOptions: forKinds('image'),
        },
        {
            ...(0, options_1.numberOption)({
                displayName: 'Inference Steps',
                name: 'numInferenceSteps',
                default: 4,
                property: 'input.num_inference_steps',
                description: 'How many denoising steps, sent as "num_inference_steps"; more is slower and finer',
            }, { min: 1, integer: true }),
            displayOptions: forKinds('image'),
        },
        {
            ...(0, options_1.numberOption)({
                displayName: 'Number of Images',
                name: 'numImages',
                default: 1,
                property: 'input.num_images',
                description: 'How many images the job makes, sent as "num_images"; each becomes an item',
            }, { min: 1, integer: true }),
            displayOptions: forKinds('image'),
        },
        {
            displayName: 'Output Format',
            name: 'outputFormat',
            type: 'string',
            default: '',
            placeholder: 'e.g. landscape_4_3',
            description: 'Sent as "output_format". DigitalOcean describes it as a format or an aspect ratio (its example: landscape_4_3); what a model takes is on its fal page.',
            displayOptions: forKinds('image'),
            routing: (0, options_1.sentAs)('input.output_format'),
        },
        {
            ...(0, options_1.keyValueField)({ displayName: 'Tags', name: 'tags', placeholder: 'Add Tag', description: 'Key-value tags DigitalOcean keeps with the job', row: 'values' }),
            routing: { send: { preSend: [sendTags] } },
        },
    ], 'Only the input fields you add are sent to the model'),
];
const CHECK_FOR_THE_JOB_FIRST = 'DigitalOcean may have queued the job before this failure, and each job is charged: check for it (its files, or the usage of the model access key in the DigitalOcean control panel) before running this item again.';
const start = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Start',
    value: 'start',
    action: 'Start a job',
    description: "Run a fal model (images, audio, speech) as a job; by default wait for it and output its files",
    request: { method: 'POST', url: '/v1/async-invoke' },
    properties,
    preSend: [(0, request_1.sentAgainOnlyIfTurnedAway)(CHECK_FOR_THE_JOB_FIRST), waiting_1.checkWaiting, (0, request_1.followedBy)(waiting_1.finishJob)],
    postReceive: [jobs_1.toJobItem],
    namesModel: true,
});
exports.start = start;
//# sourceMappingURL=start.js.map