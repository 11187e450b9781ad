"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadAiNodeSdk = loadAiNodeSdk;
const n8n_workflow_1 = require("n8n-workflow");
async function loadAiNodeSdk(context) {
    try {
        return await Promise.resolve().then(() => __importStar(require('@n8n/ai-node-sdk')));
    }
    catch (error) {
        const missing = error.code === 'MODULE_NOT_FOUND';
        throw new n8n_workflow_1.NodeOperationError(context.getNode(), missing ? 'The DigitalOcean Gradient Chat Model needs n8n 2.16 or newer' : error, missing
            ? {
                description: "It is built on n8n's AI node SDK, which this n8n does not have. Update n8n, or call the model with the DigitalOcean Gradient node (Chat → Message a Model).",
            }
            : {});
    }
}
//# sourceMappingURL=sdk.js.map