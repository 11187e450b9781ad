"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.switchOf = switchOf;
exports.maxWaitOption = maxWaitOption;
exports.maxWaitMsOf = maxWaitMsOf;
exports.pollUntil = pollUntil;
const input_1 = require("../../shared/input");
function switchOf(context, name, label, fallback = true) {
    const value = context.getNodeParameter(name, fallback);
    const on = (0, input_1.booleanIn)(value);
    if (on === undefined)
        throw (0, input_1.invalidInput)(context, label, `${JSON.stringify(value)} is not true or false`);
    return on;
}
function maxWaitOption(defaultSeconds, description) {
    return {
        displayName: 'Maximum Wait (Seconds)',
        name: 'maxWaitSeconds',
        type: 'number',
        default: defaultSeconds,
        typeOptions: { minValue: 1, numberPrecision: 0 },
        description,
        displayOptions: { show: { '/waitForCompletion': [true] } },
    };
}
function maxWaitMsOf(context, name, defaultSeconds) {
    const value = context.getNodeParameter(name, defaultSeconds);
    const seconds = (0, input_1.wholeNumberIn)(value, 1);
    if (seconds === undefined)
        throw (0, input_1.invalidInput)(context, 'Maximum Wait (Seconds)', (0, input_1.notAWholeNumber)(value, 1));
    return seconds * 1000;
}
async function pollUntil(followUps, start, polling) {
    const { firstPollMs, maxPollMs, maxWaitMs, poll, isDone, timedOut } = polling;
    const deadline = Date.now() + maxWaitMs;
    let last = start;
    for (let delay = firstPollMs; !isDone(last); delay = Math.min(delay * 2, maxPollMs)) {
        const left = deadline - Date.now();
        if (left <= 0)
            throw timedOut(last);
        await followUps.wait(Math.min(delay, left));
        last = await poll();
    }
    return last;
}
//# sourceMappingURL=waiting.js.map