"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.defineOperation = defineOperation;
exports.defineResource = defineResource;
exports.resourceSelector = resourceSelector;
exports.subtitleOf = subtitleOf;
exports.customOperationsOf = customOperationsOf;
const n8n_workflow_1 = require("n8n-workflow");
const answers_1 = require("../../shared/transport/answers");
const request_1 = require("../../shared/transport/request");
const routedOperation_1 = require("../../shared/transport/routedOperation");
function wiredRouting(routing) {
    const preSend = routing.send?.preSend;
    if (!preSend)
        return routing;
    return { ...routing, send: { ...routing.send, preSend: preSend.map(request_1.onRequestPath) } };
}
function wiredField(field) {
    const wired = { ...field };
    if (field.routing)
        wired.routing = wiredRouting(field.routing);
    if (field.options && field.type === 'options') {
        wired.options = field.options.map((option) => option.routing ? { ...option, routing: wiredRouting(option.routing) } : option);
    }
    if (field.options && (field.type === 'collection' || field.type === 'fixedCollection')) {
        wired.options = field.options.map((option) => 'values' in option
            ? { ...option, values: option.values.map(wiredField) }
            : wiredField(option));
    }
    return wired;
}
function defineOperation(resource, definition) {
    const { name, value, action, description, request, properties, preSend = [], postReceive, answersWithList = false } = definition;
    return {
        resource,
        definition,
        option: {
            name,
            value,
            action,
            description,
            routing: {
                request,
                send: { paginate: true, preSend: preSend.map(request_1.onRequestPath) },
                output: { postReceive: [answersWithList ? answers_1.rejectUnsuccessfulAnswerOrList : answers_1.rejectUnsuccessfulAnswer, ...postReceive] },
            },
        },
        properties: (0, n8n_workflow_1.updateDisplayOptions)({ show: { resource: [resource], operation: [value] } }, properties.map(wiredField)),
    };
}
function defineResource({ name, value, description }, operations) {
    const built = operations.map((operation) => operation(value));
    const firstOperation = built[0].option.value;
    return {
        name,
        value,
        description,
        operations: built,
        properties: [
            {
                displayName: 'Operation',
                name: 'operation',
                type: 'options',
                noDataExpression: true,
                displayOptions: { show: { resource: [value] } },
                default: firstOperation,
                options: built.map(({ option }) => option),
            },
            ...built.flatMap(({ properties }) => properties),
        ],
    };
}
function resourceSelector(resources) {
    const firstResource = resources[0].value;
    return {
        displayName: 'Resource',
        name: 'resource',
        type: 'options',
        noDataExpression: true,
        default: firstResource,
        options: resources.map(({ name, value, description }) => ({ name, value, description })),
    };
}
function subtitleOf(resources) {
    const operations = resources.flatMap(({ operations }) => operations);
    const key = (operation) => `${operation.resource}:${operation.option.value}`;
    const actions = Object.fromEntries(operations.map((operation) => [key(operation), operation.option.action]));
    const withModel = operations.filter(({ definition }) => definition.namesModel).map(key);
    const selected = '$parameter["resource"] + ":" + $parameter["operation"]';
    return (`={{ ${JSON.stringify(actions)}[${selected}]` +
        ` + (${JSON.stringify(withModel)}.includes(${selected}) && $parameter["model"] ? ": " + $parameter["model"] : "") }}`);
}
function customOperationsOf(description, resources, switched = () => true) {
    const operations = {};
    for (const { value: resource, operations: ofResource } of resources) {
        for (const operation of ofResource) {
            if (!switched(operation))
                continue;
            operations[resource] ??= {};
            operations[resource][operation.option.value] = (0, routedOperation_1.routedOperation)(description, operation.option, operation.properties);
        }
    }
    return operations;
}
//# sourceMappingURL=define.js.map