"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getAll = void 0;
exports.toModelItems = toModelItems;
const modelList_1 = require("../../../shared/models/modelList");
const define_1 = require("../define");
const properties = [
    {
        displayName: 'Filters',
        name: 'filters',
        type: 'collection',
        placeholder: 'Add Filter',
        default: {},
        options: [
            {
                displayName: 'Model ID Contains',
                name: 'idContains',
                type: 'string',
                default: '',
                placeholder: 'e.g. llama',
                description: 'Only return models whose ID contains this text (any case)',
            },
        ],
    },
];
async function toModelItems(_items, response) {
    const filter = this.getNodeParameter('filters.idContains', '');
    return (0, modelList_1.modelsIn)(this.getNode(), response.body, { filter, itemIndex: this.getItemIndex() }).map((model) => ({ json: { ...model } }));
}
const getAll = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Get Many',
    value: 'getAll',
    action: 'Get many models',
    description: 'List the models your model access key may use',
    request: { method: 'GET', url: '/v1/models' },
    properties,
    postReceive: [toModelItems],
    answersWithList: true,
});
exports.getAll = getAll;
//# sourceMappingURL=getAll.js.map