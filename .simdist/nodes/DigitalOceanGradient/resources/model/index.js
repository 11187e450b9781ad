"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.model = void 0;
const getAll_1 = require("./getAll");
const define_1 = require("../define");
exports.model = (0, define_1.defineResource)({ name: 'Model', value: 'model', description: 'The models your model access key may use' }, [getAll_1.getAll]);
//# sourceMappingURL=index.js.map