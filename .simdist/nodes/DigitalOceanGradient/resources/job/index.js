"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.job = void 0;
const getResult_1 = require("./getResult");
const getStatus_1 = require("./getStatus");
const start_1 = require("./start");
const define_1 = require("../define");
exports.job = (0, define_1.defineResource)({ name: 'Job', value: 'job', description: 'Images, audio and speech from fal models, run as jobs you wait for or come back to' }, [start_1.start, getStatus_1.getStatus, getResult_1.getResult]);
//# sourceMappingURL=index.js.map