"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_BATCH_SIZE = exports.MAX_INPUTS_PER_REQUEST = void 0;
exports.vectorOf = vectorOf;
exports.readEmbeddingsAnswer = readEmbeddingsAnswer;
const input_1 = require("../input");
exports.MAX_INPUTS_PER_REQUEST = 2048;
exports.DEFAULT_BATCH_SIZE = 100;
function vectorOf(embedding) {
    if (Array.isArray(embedding)) {
        return embedding.every((value) => typeof value === 'number' && Number.isFinite(value)) ? embedding : undefined;
    }
    if (typeof embedding !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(embedding))
        return undefined;
    const bytes = Buffer.from(embedding, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0)
        return undefined;
    return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}
function readEmbeddingsAnswer(body, inputs) {
    const data = (0, input_1.isPlainObject)(body) ? body.data : undefined;
    if (!(0, input_1.isPlainObject)(body) || !Array.isArray(data))
        return 'The API answered without embeddings';
    if (inputs !== undefined && data.length !== inputs)
        return `The API answered with ${data.length} embeddings for ${inputs} inputs`;
    const indexes = data.map((entry) => ((0, input_1.isPlainObject)(entry) ? entry.index : undefined));
    const isPermutation = new Set(indexes).size === data.length && indexes.every((index) => Number.isInteger(index) && index >= 0 && index < data.length);
    const byIndex = isPermutation ? [...data].sort((a, b) => a.index - b.index) : data;
    const vectors = [];
    for (const entry of byIndex) {
        const vector = (0, input_1.isPlainObject)(entry) ? vectorOf(entry.embedding) : undefined;
        if (!vector)
            return 'The API answered with an embedding that is not a list of numbers';
        vectors.push(vector);
    }
    const usage = (0, input_1.isPlainObject)(body.usage) ? body.usage : undefined;
    return { model: typeof body.model === 'string' ? body.model : undefined, vectors, ...(usage ? { usage } : {}) };
}
//# sourceMappingURL=vectors.js.map