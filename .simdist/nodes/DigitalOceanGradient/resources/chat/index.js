"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.chat = void 0;
const complete_1 = require("./complete");
const define_1 = require("../define");
exports.chat = (0, define_1.defineResource)({ name: 'Chat', value: 'chat', description: 'Talk to a model: a prompt or a conversation' }, [complete_1.complete]);
//# sourceMappingURL=index.js.map