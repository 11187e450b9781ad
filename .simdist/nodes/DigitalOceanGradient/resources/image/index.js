"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.image = void 0;
const generate_1 = require("./generate");
const define_1 = require("../define");
exports.image = (0, define_1.defineResource)({ name: 'Image', value: 'image', description: 'Images from a prompt, as binary data' }, [generate_1.generate]);
//# sourceMappingURL=index.js.map