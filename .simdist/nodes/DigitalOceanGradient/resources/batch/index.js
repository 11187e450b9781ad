"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.batch = void 0;
const cancel_1 = require("./cancel");
const create_1 = require("./create");
const get_1 = require("./get");
const getResults_1 = require("./getResults");
const list_1 = require("./list");
const define_1 = require("../define");
exports.batch = (0, define_1.defineResource)({ name: 'Batch', value: 'batch', description: 'Many chat requests as one DigitalOcean batch, answered within 24 hours' }, [create_1.create, get_1.get, list_1.list, getResults_1.getResults, cancel_1.cancel]);
//# sourceMappingURL=index.js.map