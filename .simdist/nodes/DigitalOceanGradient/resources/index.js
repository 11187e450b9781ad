"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RESOURCES = void 0;
const batch_1 = require("./batch");
const chat_1 = require("./chat");
const embedding_1 = require("./embedding");
const image_1 = require("./image");
const job_1 = require("./job");
const model_1 = require("./model");
exports.RESOURCES = [chat_1.chat, batch_1.batch, embedding_1.embedding, image_1.image, job_1.job, model_1.model];
//# sourceMappingURL=index.js.map