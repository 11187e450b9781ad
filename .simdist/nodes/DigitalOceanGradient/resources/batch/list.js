"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.list = void 0;
const batches_1 = require("./batches");
const options_1 = require("../../../shared/fields/options");
const input_1 = require("../../../shared/input");
const answers_1 = require("../../../shared/transport/answers");
const request_1 = require("../../../shared/transport/request");
const define_1 = require("../define");
const waiting_1 = require("../waiting");
const MAX_PAGE = 100;
const STATUSES = ['validating', 'in_progress', 'finalizing', 'completed', 'failed', 'expired', 'cancelling', 'cancelled'];
const properties = [
    {
        displayName: 'Return All',
        name: 'returnAll',
        type: 'boolean',
        default: false,
        description: 'Whether to return all results or only up to a given limit',
    },
    {
        displayName: 'Limit',
        name: 'limit',
        type: 'number',
        default: 50,
        typeOptions: { minValue: 1, numberPrecision: 0 },
        description: 'Max number of results to return',
        displayOptions: { show: { returnAll: [false] } },
    },
    (0, options_1.optionsCollection)([
        {
            displayName: 'Status',
            name: 'status',
            type: 'options',
            default: 'in_progress',
            description: 'Only the batches in this state',
            options: STATUSES.map((status) => ({ name: status.replace('_', ' ').replace(/^./, (first) => first.toUpperCase()), value: status })),
        },
    ], 'Filters for the list'),
];
function wantedOf(context) {
    if ((0, waiting_1.switchOf)(context, 'returnAll', 'Return All', false))
        return Number.POSITIVE_INFINITY;
    const value = context.getNodeParameter('limit', 50);
    const limit = (0, input_1.wholeNumberIn)(value, 1);
    if (limit === undefined)
        throw (0, input_1.invalidInput)(context, 'Limit', (0, input_1.notAWholeNumber)(value, 1));
    return limit;
}
function pageQuery(context, wanted, after) {
    const status = context.getNodeParameter('options.status', '');
    return { limit: Math.min(MAX_PAGE, wanted), ...(status ? { status } : {}), ...(after ? { after } : {}) };
}
async function sendPageQuery(requestOptions) {
    requestOptions.qs = { ...requestOptions.qs, ...pageQuery(this, wantedOf(this)) };
    return requestOptions;
}
async function toPage(_items, response) {
    const page = response.body;
    if (!Array.isArray(page.data)) {
        throw (0, answers_1.answerError)(this.getNode(), page, {
            message: 'The API answered without a list of batches',
            description: 'Check the Base URL in the DigitalOcean Gradient credential.',
            itemIndex: this.getItemIndex(),
        });
    }
    return [{ json: page }];
}
async function morePages([first], followUps) {
    const wanted = wantedOf(this);
    let page = first.json;
    const batches = [...page.data];
    const cursors = new Set();
    while (batches.length < wanted && page.has_more === true && typeof page.last_id === 'string' && !cursors.has(page.last_id) && page.data.length > 0) {
        cursors.add(page.last_id);
        const [next] = await followUps.send({ method: 'GET', url: batches_1.BATCHES_URL, qs: pageQuery(this, wanted - batches.length, page.last_id) }, toPage);
        page = next.json;
        batches.push(...page.data);
    }
    return batches.slice(0, wanted).map((json) => ({ json }));
}
const list = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Get Many',
    value: 'getAll',
    action: 'Get many batches',
    description: 'The batches of this key, newest first',
    request: { method: 'GET', url: batches_1.BATCHES_URL },
    properties,
    preSend: [sendPageQuery, (0, request_1.followedBy)(morePages)],
    postReceive: [toPage],
});
exports.list = list;
//# sourceMappingURL=list.js.map