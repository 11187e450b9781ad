"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.binaryPropertyOption = exports.isGenericType = exports.isMediaType = exports.extensionOf = void 0;
exports.typeOfFileName = typeOfFileName;
exports.typeOfBytes = typeOfBytes;
exports.imageProblem = imageProblem;
exports.fileNameOf = fileNameOf;
exports.binaryPropertyOf = binaryPropertyOf;
const input_1 = require("../input");
const EXTENSIONS = {
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/webp': 'webp',
    'image/gif': 'gif',
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/wave': 'wav',
    'audio/mpeg': 'mp3',
    'audio/mp3': 'mp3',
    'audio/ogg': 'ogg',
    'audio/flac': 'flac',
    'audio/aac': 'aac',
    'video/mp4': 'mp4',
    'video/webm': 'webm',
};
const extensionOf = (mimeType) => EXTENSIONS[mimeType];
exports.extensionOf = extensionOf;
function typeOfFileName(name) {
    const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
    if (!extension)
        return undefined;
    const normal = extension === 'jpeg' ? 'jpg' : extension;
    return Object.keys(EXTENSIONS).find((type) => EXTENSIONS[type] === normal);
}
const isMediaType = (type) => !/^text\//.test(type) && !/^application\/(json|xml|xhtml\+xml|problem\+json|problem\+xml)$/.test(type) && !/\+(json|xml)$/.test(type);
exports.isMediaType = isMediaType;
const SIGNATURES = [
    ['image/png', '89504e47'],
    ['image/jpeg', 'ffd8ff'],
    ['image/gif', '47494638'],
    ['image/webp', '52494646', '57454250'],
    ['audio/wav', '52494646', '57415645'],
    ['audio/mpeg', '494433'],
    ['audio/mpeg', 'fffb'],
    ['audio/ogg', '4f676753'],
    ['audio/flac', '664c6143'],
    ['video/webm', '1a45dfa3'],
];
function typeOfBytes(bytes) {
    const at = (offset, hex) => bytes.subarray(offset, offset + hex.length / 2).toString('hex') === hex;
    if (at(4, '66747970'))
        return 'video/mp4';
    return SIGNATURES.find(([, start, eighth]) => at(0, start) && (eighth === undefined || at(8, eighth)))?.[0];
}
const IMAGE_NAMES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };
function reachesItsEnd(type, bytes) {
    if (type === 'image/png')
        return bytes.subarray(-8).toString('hex') === '49454e44ae426082';
    if (type === 'image/jpeg') {
        let end = bytes.length;
        while (end > 2 && bytes[end - 1] === 0)
            end -= 1;
        return bytes.subarray(end - 2, end).toString('hex') === 'ffd9';
    }
    return bytes.length >= 12 && bytes.length >= 8 + bytes.readUInt32LE(4);
}
function imageProblem(bytes) {
    const type = typeOfBytes(bytes);
    const name = type && IMAGE_NAMES[type];
    if (!type || !name) {
        const start = bytes.length > 0 ? `, starting ${bytes.subarray(0, 8).toString('hex')}` : '';
        return `is not a PNG, JPEG or WebP image (${bytes.length} bytes${start})`;
    }
    return reachesItsEnd(type, bytes) ? undefined : `is a ${name} image cut short (${bytes.length} bytes)`;
}
const isGenericType = (type) => /^(application|binary)\/octet-stream$/.test(type);
exports.isGenericType = isGenericType;
function fileNameOf(url, fallback, mimeType) {
    let last = '';
    try {
        last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').split(/[\\/]/).pop() ?? '';
    }
    catch {
        last = '';
    }
    if (/\.[a-z0-9]{2,5}$/i.test(last))
        return last;
    const extension = mimeType ? (0, exports.extensionOf)(mimeType) : undefined;
    return extension ? `${fallback}.${extension}` : fallback;
}
exports.binaryPropertyOption = {
    displayName: 'Put Output in Field',
    name: 'binaryPropertyOutput',
    type: 'string',
    default: 'data',
    hint: 'The name of the output field to put the binary file data in',
};
function binaryPropertyOf(context) {
    const value = context.getNodeParameter('options.binaryPropertyOutput', 'data');
    const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (name === '')
        throw (0, input_1.invalidInput)(context, 'Put Output in Field', 'is empty; enter a field name such as data');
    return name;
}
//# sourceMappingURL=binaryFiles.js.map