"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnsuccessfulAnswer = exports.ANSWERS_AS_THE_API_HINT = void 0;
exports.describeFailure = describeFailure;
exports.apiMessageOf = apiMessageOf;
exports.answerError = answerError;
exports.apiErrorFor = apiErrorFor;
exports.rejectUnsuccessfulAnswer = rejectUnsuccessfulAnswer;
exports.rejectUnsuccessfulAnswerOrList = rejectUnsuccessfulAnswerOrList;
const n8n_workflow_1 = require("n8n-workflow");
const runCredentials_1 = require("./runCredentials");
const secrets_1 = require("./secrets");
const input_1 = require("../input");
function describeFailure(statusCode, model, subject) {
    const forModel = model ? ` for model "${model}"` : '';
    if (statusCode === 401) {
        return {
            message: 'The model access key was rejected',
            hint: 'Check the Model Access Key in the DigitalOcean Gradient credential.',
        };
    }
    if (statusCode === 403) {
        return {
            message: `The model access key is not allowed to make this request${forModel}`,
            hint: 'A model access key can be limited to some models: check its scope in the DigitalOcean control panel.',
        };
    }
    if (statusCode === 404) {
        if (subject && !model)
            return { message: `${subject.name} was not found`, hint: subject.notFoundHint };
        return model
            ? {
                message: `Model "${model}" was not found`,
                hint: 'Pick a model from the list, or check the model ID.',
            }
            : {
                message: 'The API endpoint was not found',
                hint: 'Check the Base URL in the DigitalOcean Gradient credential.',
            };
    }
    if (statusCode === 400 || statusCode === 422) {
        return {
            message: `The API rejected the request${forModel} as invalid`,
            hint: 'Check the model ID and the options you set: some models do not accept every option.',
        };
    }
    if (statusCode === 409 && subject?.conflict && !model)
        return subject.conflict;
    if (statusCode === 408) {
        return {
            message: `The API timed out waiting for the request${forModel}`,
            hint: 'This is usually temporary: try again in a moment.',
        };
    }
    if (statusCode === 413) {
        return {
            message: `The request is too large for the API${forModel}`,
            hint: 'Send less in one request: a shorter prompt or conversation, fewer or smaller tools, or for embeddings fewer or shorter texts (a smaller Batch Size).',
        };
    }
    if (statusCode === 429) {
        return {
            message: 'Rate limit reached: DigitalOcean is receiving too many requests from this key',
            hint: 'Wait a moment and try again, or send fewer requests at once.',
        };
    }
    if (statusCode >= 500) {
        return {
            message: `DigitalOcean's inference service failed (HTTP ${statusCode})`,
            hint: 'This is usually temporary: try again in a moment.',
        };
    }
    return {
        message: `The API answered with HTTP ${statusCode}${forModel}`,
        hint: 'Check the model ID and the options you set.',
    };
}
function apiMessageOf(body) {
    if (!(0, input_1.isPlainObject)(body))
        return undefined;
    const nested = (0, input_1.isPlainObject)(body.error) ? body.error.message : undefined;
    const found = [nested, body.message, body.id, body.error].find((candidate) => typeof candidate === 'string' && candidate.trim() !== '');
    return found;
}
exports.ANSWERS_AS_THE_API_HINT = 'Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a proxy that answers as it does';
const isOtherJson = (body) => Array.isArray(body) || typeof body === 'number' || typeof body === 'boolean';
function jsonShapeOf(body) {
    if (Array.isArray(body))
        return body.length === 0 ? 'an empty list' : `a list of ${body.length} ${body.length === 1 ? 'entry' : 'entries'}`;
    return typeof body === 'number' ? `the number ${body}` : `the value ${String(body)}`;
}
function responseSummary(body) {
    if ((0, input_1.isPlainObject)(body)) {
        const apiMessage = apiMessageOf(body);
        return apiMessage && `DigitalOcean said: ${apiMessage}`;
    }
    if (isOtherJson(body))
        return `It reads: ${(0, input_1.preview)(JSON.stringify(body))}`;
    if (typeof body === 'string' && body.trim() !== '') {
        return `The response was not JSON: "${(0, input_1.preview)(body)}"`;
    }
    return 'The response was empty';
}
function errorResponseOf(body) {
    if ((0, input_1.isPlainObject)(body))
        return body;
    return { body: typeof body === 'string' ? (0, input_1.preview)(body) : isOtherJson(body) ? (0, input_1.preview)(JSON.stringify(body)) : '' };
}
function joinSentences(...parts) {
    return parts
        .filter((part) => !!part)
        .map((part) => (/[.!?…"]$/.test(part) ? part : `${part}.`))
        .join(' ');
}
function isErrorBody(body) {
    if (!(0, input_1.isPlainObject)(body))
        return false;
    if ((0, input_1.isPlainObject)(body.error) && typeof body.error.message === 'string')
        return true;
    if (typeof body.error === 'string' && body.error !== '' && !('status' in body))
        return true;
    const keys = Object.keys(body);
    return keys.length === 2 && typeof body.id === 'string' && typeof body.message === 'string';
}
function isGoodAnswer({ statusCode, body }, listAllowed = false) {
    if (statusCode < 200 || statusCode >= 300)
        return false;
    return ((0, input_1.isPlainObject)(body) && !isErrorBody(body)) || (listAllowed && Array.isArray(body));
}
const isWebPage = (body) => typeof body === 'string' && /^\s*</.test(body);
function answerError(node, body, wording) {
    const { message, description, httpCode, itemIndex } = wording;
    return new n8n_workflow_1.NodeApiError(node, errorResponseOf(body), {
        message,
        description,
        httpCode: httpCode === undefined ? undefined : String(httpCode),
        itemIndex,
    });
}
function apiErrorFor(node, { statusCode, body }, { model, subject, itemIndex, note = '', hint: insteadOfHint, listAllowed = false, } = {}) {
    if (isGoodAnswer({ statusCode, body }, listAllowed))
        return undefined;
    const summary = responseSummary(body);
    if (statusCode >= 200 && statusCode < 300) {
        if (isErrorBody(body)) {
            return answerError(node, body, {
                message: `The API answered with an error${model ? ` for model "${model}"` : ''}${note}`,
                description: joinSentences(summary, 'Check the model ID and the options you set'),
                httpCode: statusCode,
                itemIndex,
            });
        }
        if (isOtherJson(body)) {
            return answerError(node, body, {
                message: `The API answered with ${jsonShapeOf(body)} where an object was expected${note}`,
                description: joinSentences(summary, exports.ANSWERS_AS_THE_API_HINT),
                httpCode: statusCode,
                itemIndex,
            });
        }
        return answerError(node, body, {
            message: `The API returned a response that is not JSON${note}`,
            description: joinSentences(summary, isWebPage(body)
                ? 'Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a compatible proxy'
                : 'The answer was cut off or garbled on its way: try again'),
            httpCode: statusCode,
            itemIndex,
        });
    }
    const fromApi = (0, input_1.isPlainObject)(body);
    const { message, hint } = describeFailure(statusCode, fromApi ? model : undefined, fromApi ? subject : undefined);
    return answerError(node, body, {
        message: `${message}${note}`,
        description: joinSentences(summary, insteadOfHint ?? hint),
        httpCode: statusCode,
        itemIndex,
    });
}
class UnsuccessfulAnswer extends Error {
    answer;
    constructor(answer) {
        super(`The API answered with HTTP ${answer.statusCode}`);
        this.answer = answer;
    }
}
exports.UnsuccessfulAnswer = UnsuccessfulAnswer;
const runSecret = async (context) => (await (0, runCredentials_1.runCredentials)(context)).apiKey;
async function checkAnswer(context, items, response, listAllowed) {
    const secret = await runSecret(context);
    const body = (0, secrets_1.withoutSecret)(response.body, secret);
    const quotedKey = body !== response.body;
    if (isGoodAnswer({ statusCode: response.statusCode, body }, listAllowed)) {
        if (!quotedKey)
            return items;
        response.body = body;
        return (0, secrets_1.withoutSecret)(items, secret);
    }
    throw new UnsuccessfulAnswer({ statusCode: response.statusCode, body, headers: (0, secrets_1.withoutSecret)(response.headers, secret) });
}
async function rejectUnsuccessfulAnswer(items, response) {
    return await checkAnswer(this, items, response, false);
}
async function rejectUnsuccessfulAnswerOrList(items, response) {
    return await checkAnswer(this, items, response, true);
}
//# sourceMappingURL=answers.js.map