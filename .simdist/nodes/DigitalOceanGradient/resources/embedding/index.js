"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.embedding = void 0;
const create_1 = require("./create");
const define_1 = require("../define");
exports.embedding = (0, define_1.defineResource)({ name: 'Embedding', value: 'embedding', description: 'Vectors for texts, for search and retrieval' }, [create_1.create]);
//# sourceMappingURL=index.js.map