"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.filesIn = filesIn;
exports.fileItems = fileItems;
const n8n_workflow_1 = require("n8n-workflow");
const jobs_1 = require("./jobs");
const input_1 = require("../../../shared/input");
const binaryFiles_1 = require("../../../shared/media/binaryFiles");
const followUps_1 = require("../../../shared/transport/followUps");
const isFileUrl = (value) => typeof value === 'string' && /^(https?:\/\/|data:)/i.test(value);
function filesIn(output) {
    const found = [];
    const visit = (field, key, value) => {
        if (/_url$/i.test(key) && isFileUrl(value))
            return void found.push({ field, described: { url: value } });
        if (Array.isArray(value))
            return value.forEach((each) => visit(field, key, each));
        if (!(0, input_1.isPlainObject)(value))
            return;
        if (isFileUrl(value.url))
            return void found.push({ field, described: value });
        Object.entries(value).forEach(([inner, each]) => visit(field, inner, each));
    };
    for (const [field, value] of Object.entries(output))
        visit(field, field, value);
    return found;
}
function fromDataUrl(url) {
    const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec(url);
    if (!match)
        return undefined;
    const [, type, , base64, payload] = match;
    const bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
    return { bytes, contentType: type ? type.toLowerCase() : undefined };
}
async function fileItems(context, job, followUps) {
    const output = (0, input_1.isPlainObject)(job.output) ? job.output : {};
    const files = filesIn(output);
    if (files.length === 0)
        return [{ json: (0, jobs_1.jobJson)(job) }];
    const fileFields = new Set(files.map(({ field }) => field));
    const rest = Object.fromEntries(Object.entries(output).filter(([field]) => !fileFields.has(field)));
    const property = (0, binaryFiles_1.binaryPropertyOf)(context);
    const items = [];
    for (const [position, { described }] of files.entries()) {
        const inline = fromDataUrl(described.url);
        const { bytes, contentType } = inline ?? (await followUps.download(described.url));
        const declared = typeof described.content_type === 'string' ? described.content_type : undefined;
        if (contentType && !(0, binaryFiles_1.isMediaType)(contentType))
            throw notAFile(context, inline ? 'a data URL' : (0, followUps_1.urlForMessage)(described.url), contentType);
        const nameFrom = inline ? '' : described.url;
        const mimeType = (contentType && !(0, binaryFiles_1.isGenericType)(contentType) ? contentType : declared) ??
            (0, binaryFiles_1.typeOfFileName)((0, binaryFiles_1.fileNameOf)(nameFrom, 'file')) ??
            (0, binaryFiles_1.typeOfBytes)(bytes) ??
            contentType ??
            'application/octet-stream';
        const binary = await context.helpers.prepareBinaryData(bytes, (0, binaryFiles_1.fileNameOf)(nameFrom, `file-${position + 1}`, mimeType), mimeType);
        const file = inline ? (({ url: _url, ...others }) => others)(described) : described;
        const { output: _output, ...fields } = (0, jobs_1.jobJson)(job);
        items.push({ json: { ...fields, file, output: rest }, binary: { [property]: binary } });
    }
    return items;
}
function notAFile(context, where, contentType) {
    return new n8n_workflow_1.NodeApiError(context.getNode(), { contentType }, {
        itemIndex: context.getItemIndex(),
        message: `The job's file at ${where} came back as ${contentType}, not an image, audio or video file`,
        description: 'The file may have expired, or the host answered with an error page. Start the job again, or turn Download Files off to get the URLs.',
    });
}
//# sourceMappingURL=files.js.map