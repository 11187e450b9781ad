"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generate = void 0;
exports.checkOutputField = checkOutputField;
exports.toImageItems = toImageItems;
const options_1 = require("../../../shared/fields/options");
const input_1 = require("../../../shared/input");
const binaryFiles_1 = require("../../../shared/media/binaryFiles");
const modelPicker_1 = require("../../../shared/models/modelPicker");
const answers_1 = require("../../../shared/transport/answers");
const define_1 = require("../define");
const modelField_1 = require("../modelField");
async function checkOutputField(requestOptions) {
    (0, binaryFiles_1.binaryPropertyOf)(this);
    return requestOptions;
}
const DESCRIBING = ['created', 'size', 'quality', 'background', 'output_format'];
const bytesOfImage = (b64) => Buffer.from(b64.replace(/^data:[^,]*;base64,/, ''), 'base64');
async function toImageItems(_items, response) {
    const body = response.body;
    const images = Array.isArray(body.data) ? body.data : [];
    const unreadable = images.length === 0 || images.some((image) => !(0, input_1.isPlainObject)(image) || typeof image.b64_json !== 'string' || image.b64_json === '');
    if (unreadable) {
        throw (0, answers_1.answerError)(this.getNode(), body, {
            message: images.length === 0 ? 'The API answered without images' : 'The API answered with an image that has no data (b64_json)',
            description: 'Check that the model generates images, e.g. openai-gpt-image-1.',
            itemIndex: this.getItemIndex(),
        });
    }
    const files = images.map(({ b64_json }) => bytesOfImage(b64_json));
    files.forEach((bytes, position) => {
        const problem = (0, binaryFiles_1.imageProblem)(bytes);
        if (!problem)
            return;
        const which = images.length > 1 ? `Image ${position + 1} of ${images.length}` : 'The image';
        throw (0, answers_1.answerError)(this.getNode(), { image: position + 1, bytes: bytes.length }, {
            message: `${which} in the API's answer ${problem}`,
            description: 'Its data (b64_json) was cut off or garbled on its way: try again.',
            itemIndex: this.getItemIndex(),
        });
    });
    const property = (0, binaryFiles_1.binaryPropertyOf)(this);
    const described = Object.fromEntries(DESCRIBING.filter((key) => body[key] != null).map((key) => [key, body[key]]));
    return await Promise.all(images.map(async ({ revised_prompt }, position) => {
        const mimeType = (0, binaryFiles_1.typeOfBytes)(files[position]);
        const extension = (0, binaryFiles_1.extensionOf)(mimeType);
        const fileName = images.length > 1 ? `image-${position + 1}.${extension}` : `image.${extension}`;
        const file = await this.helpers.prepareBinaryData(files[position], fileName, mimeType);
        const usage = position === 0 && (0, input_1.isPlainObject)(body.usage) ? { usage: { ...body.usage, images: images.length } } : {};
        return {
            json: { ...(typeof revised_prompt === 'string' ? { revised_prompt } : {}), ...described, ...usage },
            binary: { [property]: file },
        };
    }));
}
const choice = (name, value, description) => ({ name, value, ...(description ? { description } : {}) });
const properties = [
    (0, modelField_1.modelFieldFrom)(modelPicker_1.imageModelLocator),
    {
        displayName: 'Prompt',
        name: 'prompt',
        type: 'string',
        required: true,
        default: '',
        placeholder: 'e.g. A lighthouse on a cliff at dawn, watercolour',
        description: 'What the image should show (up to 32,000 characters)',
        typeOptions: { rows: 3 },
        routing: { send: { type: 'body', property: 'prompt', preSend: [(0, options_1.checkText)('Prompt', 'prompt', 'Describe the image to generate.')] } },
    },
    (0, options_1.numberOption)({
        displayName: 'Number of Images',
        name: 'n',
        default: 1,
        property: 'n',
        description: 'How many images to generate for each item, from 1 to 10 (always sent: the API requires it)',
    }, { min: 1, max: 10, integer: true }),
    (0, options_1.optionsCollection)([
        {
            displayName: 'Background',
            name: 'background',
            type: 'options',
            default: 'auto',
            options: [choice('Auto', 'auto'), choice('Opaque', 'opaque'), choice('Transparent', 'transparent', 'Needs PNG or WebP output')],
            routing: (0, options_1.sentAs)('background'),
        },
        {
            displayName: 'Moderation',
            name: 'moderation',
            type: 'options',
            default: 'auto',
            options: [choice('Auto', 'auto'), choice('Low', 'low', 'Less restrictive filtering')],
            routing: (0, options_1.sentAs)('moderation'),
        },
        (0, options_1.numberOption)({
            displayName: 'Output Compression',
            name: 'outputCompression',
            default: 100,
            property: 'output_compression',
            description: 'From 0 to 100 (%): how much to compress a JPEG or WebP image',
        }, { min: 0, max: 100, integer: true }),
        {
            displayName: 'Output Format',
            name: 'outputFormat',
            type: 'options',
            default: 'png',
            options: [choice('PNG', 'png'), choice('JPEG', 'jpeg'), choice('WebP', 'webp')],
            description: 'The file type of the images; the binary data gets its MIME type and extension',
            routing: (0, options_1.sentAs)('output_format'),
        },
        binaryFiles_1.binaryPropertyOption,
        {
            displayName: 'Quality',
            name: 'quality',
            type: 'options',
            default: 'auto',
            options: [choice('Auto', 'auto'), choice('High', 'high'), choice('Medium', 'medium'), choice('Low', 'low')],
            routing: (0, options_1.sentAs)('quality'),
        },
        {
            displayName: 'Size',
            name: 'size',
            type: 'options',
            default: 'auto',
            options: [
                choice('Auto', 'auto', 'The model decides'),
                choice('1024×1024 (Square)', '1024x1024', "In DigitalOcean's guide; not in its API reference's list"),
                choice('1536×1024 (Landscape)', '1536x1024'),
                choice('1024×1536 (Portrait)', '1024x1536'),
            ],
            description: 'Width × height in pixels. Not sent unless added: the model picks.',
            routing: (0, options_1.sentAs)('size'),
        },
        options_1.userOption,
    ]),
];
const generate = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Generate',
    value: 'generate',
    action: 'Generate an image',
    description: "Make images from each item's prompt, as binary data",
    request: { method: 'POST', url: '/v1/images/generations' },
    properties,
    preSend: [checkOutputField],
    postReceive: [toImageItems],
    namesModel: true,
});
exports.generate = generate;
//# sourceMappingURL=generate.js.map