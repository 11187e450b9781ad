"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.modelField = void 0;
exports.modelRequiredIn = modelRequiredIn;
exports.modelFieldFrom = modelFieldFrom;
const input_1 = require("../../shared/input");
const modelPicker_1 = require("../../shared/models/modelPicker");
function modelRequiredIn(property) {
    return async function requireModel(requestOptions) {
        const body = requestOptions.body;
        const model = typeof body[property] === 'number' ? String(body[property]) : body[property];
        if (typeof model !== 'string' || model.trim() === '') {
            throw (0, input_1.invalidInput)(this, 'Model', 'no model is selected');
        }
        body[property] = model.trim();
        return requestOptions;
    };
}
function modelFieldFrom(locator, property = 'model') {
    return { ...locator, routing: { send: { type: 'body', property, preSend: [modelRequiredIn(property)] } } };
}
exports.modelField = modelFieldFrom(modelPicker_1.chatModelLocator);
//# sourceMappingURL=modelField.js.map