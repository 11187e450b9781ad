"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.routedOperationProblems = routedOperationProblems;
exports.itemContext = itemContext;
exports.routedOperation = routedOperation;
const n8n_workflow_1 = require("n8n-workflow");
function setContext(error, itemIndex, runIndex) {
    const withContext = error;
    withContext.context ??= {};
    withContext.context.itemIndex = itemIndex;
    withContext.context.runIndex = runIndex;
}
const isExpression = (value) => typeof value === 'string' && value.charAt(0) === '=';
function routingProblem(routing) {
    const { request, send, output, operations } = routing;
    if (operations)
        return 'routing.operations';
    for (const [key, value] of Object.entries(request ?? {})) {
        if (isExpression(value) || (typeof value === 'object' && value !== null && JSON.stringify(value).includes('"='))) {
            return `routing.request.${key} is an expression`;
        }
    }
    if (send) {
        if (isExpression(send.property) || (send.property ?? '').includes('['))
            return 'routing.send.property';
        if (send.value !== undefined)
            return 'routing.send.value';
        if (isExpression(send.paginate))
            return 'routing.send.paginate';
        if (send.type !== undefined && send.type !== 'body' && send.type !== 'query')
            return 'routing.send.type';
    }
    if (output) {
        if (output.maxResults !== undefined)
            return 'routing.output.maxResults';
        if (output.postReceive?.some((action) => typeof action !== 'function'))
            return 'a declarative postReceive action';
    }
    return undefined;
}
function problemsOf(property, path, problems) {
    const name = `${path}${property.name}`;
    if ('routing' in property && property.routing) {
        const problem = routingProblem(property.routing);
        if (problem)
            problems.push(`${name}: ${problem}`);
    }
    const options = property.options;
    if (Array.isArray(options)) {
        for (const option of options) {
            if (typeof option !== 'object' || option === null)
                continue;
            problemsOf(option, `${name}.`, problems);
        }
    }
    if ('values' in property && Array.isArray(property.values)) {
        for (const value of property.values)
            problemsOf(value, `${name}.`, problems);
    }
}
function routedOperationProblems(option, fields) {
    const problems = [];
    problemsOf(option, '', problems);
    for (const field of fields)
        problemsOf(field, '', problems);
    return problems;
}
function hasRouting(property) {
    if ('routing' in property && property.routing)
        return true;
    const options = property.options;
    if (Array.isArray(options) && options.some((option) => typeof option === 'object' && option !== null && hasRouting(option))) {
        return true;
    }
    return 'values' in property && Array.isArray(property.values) && property.values.some(hasRouting);
}
function setPath(target, path, value) {
    const keys = path.split('.');
    const last = keys.pop();
    let object = target;
    for (const key of keys) {
        const next = object[key];
        if (typeof next !== 'object' || next === null)
            object[key] = {};
        object = object[key];
    }
    object[last] = value;
}
function itemContext(context, itemIndex, run) {
    const read = new Map();
    const helpers = context.helpers;
    const itemHelpers = {
        ...helpers,
        assertBinaryData: (propertyName) => helpers.assertBinaryData(itemIndex, propertyName),
        getBinaryDataBuffer: async (propertyName) => await helpers.getBinaryDataBuffer(itemIndex, propertyName),
    };
    const item = Object.create(context, {
        helpers: { value: itemHelpers, writable: true },
        getItemIndex: { value: () => itemIndex },
        getNodeParameter: {
            value: (name, fallbackValue, options) => {
                if (options === undefined && read.has(name))
                    return read.get(name) ?? fallbackValue;
                try {
                    return context.getNodeParameter(name, itemIndex, fallbackValue, options);
                }
                catch (error) {
                    throw parameterError(run.node, error, itemIndex, run.runIndex);
                }
            },
        },
        getInputData: {
            value: (inputIndex = 0, connectionType) => {
                const items = context.getInputData(inputIndex, connectionType);
                return items[itemIndex] ?? { json: {} };
            },
        },
        getCredentials: { value: async (type) => await context.getCredentials(type, itemIndex) },
        evaluateExpression: {
            value: (expression, index = itemIndex) => context.evaluateExpression(expression, index),
        },
        getWorkflowDataProxy: { value: () => context.getWorkflowDataProxy(itemIndex) },
    });
    readAhead.set(item, (name) => {
        try {
            read.set(name, context.getNodeParameter(name, itemIndex, null));
        }
        catch (error) {
            throw parameterError(run.node, error, itemIndex, run.runIndex);
        }
    });
    return item;
}
const readAhead = new WeakMap();
function readFieldsAhead(item, fields, run) {
    const read = readAhead.get(item);
    for (const field of fields) {
        if (field.routing || !Object.prototype.hasOwnProperty.call(run.parameters, field.name))
            continue;
        if (n8n_workflow_1.NodeHelpers.displayParameter(run.parameters, field, run.node, run.description, run.parameters))
            read(field.name);
    }
}
const parameterErrors = new WeakSet();
function parameterError(node, error, itemIndex, runIndex) {
    const nodeError = error instanceof n8n_workflow_1.NodeApiError || error instanceof n8n_workflow_1.NodeOperationError
        ? error
        : new n8n_workflow_1.NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex, runIndex });
    if (nodeError !== error)
        delete nodeError.context?.parameter;
    setContext(nodeError, itemIndex, runIndex);
    parameterErrors.add(nodeError);
    return nodeError;
}
function addRouting(walk, property, path) {
    const { item, parameters, node, description, into } = walk;
    if (!n8n_workflow_1.NodeHelpers.displayParameter(parameters, property, node, description, parameters))
        return;
    let basePath = path ? `${path}.` : '';
    const routing = property.routing;
    if (routing) {
        let parameterValue;
        if ('type' in property) {
            const extractValue = property.extractValue !== undefined || property.type === 'resourceLocator';
            parameterValue = item.getNodeParameter(basePath + property.name, undefined, { extractValue });
        }
        for (const [key, value] of Object.entries(routing.request ?? {})) {
            into.options[key] = value;
        }
        const { send, output } = routing;
        if (send) {
            if (send.property !== undefined) {
                const target = (send.type === 'body' ? into.options.body : into.options.qs);
                if (send.propertyInDotNotation === false)
                    target[send.property] = parameterValue;
                else
                    setPath(target, send.property, parameterValue);
            }
            if (send.paginate !== undefined)
                into.paginate = into.paginate ?? !!send.paginate;
            if (send.preSend)
                into.preSend.push(...send.preSend);
        }
        const postReceive = output?.postReceive?.filter((action) => typeof action === 'function' || action.enabled !== false);
        if (postReceive?.length)
            into.postReceive.push({ data: { parameterValue: parameterValue }, actions: postReceive });
    }
    if (!('type' in property) || !Object.prototype.hasOwnProperty.call(property, 'options'))
        return;
    if (property.type === 'options') {
        const chosen = n8n_workflow_1.NodeHelpers.getParameterValueByPath(parameters, property.name, basePath.slice(0, -1));
        const option = property.options.find(({ value }) => value === chosen);
        if (option)
            addRouting(walk, option, `${basePath}${property.name}`);
    }
    else if (property.type === 'collection') {
        const value = n8n_workflow_1.NodeHelpers.getParameterValueByPath(parameters, property.name, basePath.slice(0, -1));
        const set = Object.keys(value ?? {});
        for (const option of property.options) {
            if (set.includes(option.name) && option.type !== undefined)
                addRouting(walk, option, `${basePath}${property.name}`);
        }
    }
    else if (property.type === 'fixedCollection' && hasRouting(property)) {
        basePath = `${basePath}${property.name}.`;
        for (const rows of property.options) {
            const raw = n8n_workflow_1.NodeHelpers.getParameterValueByPath(parameters, rows.name, basePath.slice(0, -1));
            if (raw === undefined)
                continue;
            const value = Array.isArray(raw) ? raw : [raw];
            const rowsPath = `${basePath}${rows.name}`;
            for (let index = 0; index < value.length; index++) {
                for (const field of rows.values) {
                    addRouting(walk, field, property.typeOptions?.multipleValues ? `${rowsPath}[${index}]` : rowsPath);
                }
            }
        }
    }
}
function requestOf(item, run, option, fields, itemIndex) {
    const { description, node, parameters, credentials, runIndex } = run;
    const requestData = {
        options: { qs: {}, body: {}, headers: {} },
        preSend: [],
        postReceive: [],
        requestOperations: {},
    };
    const { proxy, timeout, allowUnauthorizedCerts } = item.getNodeParameter('requestOptions', {});
    if (description.requestOperations)
        requestData.requestOperations = { ...description.requestOperations };
    for (const [key, value] of Object.entries(description.requestDefaults ?? {})) {
        requestData.options[key] = (typeof value === 'object' && value !== null ? structuredClone(value) : value);
    }
    const walk = { item, parameters, node, description, into: requestData };
    addRouting(walk, option, 'operation');
    for (const field of fields)
        addRouting(walk, field, '');
    if (proxy) {
        const parsed = new URL(proxy);
        if (!parsed.hostname || !parsed.port) {
            const missing = !parsed.hostname ? 'host' : 'port';
            throw new n8n_workflow_1.NodeOperationError(node, 'The proxy is not valid', {
                runIndex,
                itemIndex,
                description: `The proxy URL does not contain a valid value for "${missing}"`,
            });
        }
        const options = requestData.options;
        options.proxy = {
            host: parsed.hostname,
            port: parseInt(parsed.port, 10),
            protocol: parsed.protocol.replace(/:$/, '') || undefined,
            ...(parsed.username ? { auth: { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) } } : {}),
        };
    }
    if (allowUnauthorizedCerts)
        requestData.options.skipSslCertificateValidation = allowUnauthorizedCerts;
    requestData.options.timeout = timeout || 300_000;
    const allowedDomainsOf = n8n_workflow_1.getCredentialAllowedDomains;
    if (credentials && typeof allowedDomainsOf === 'function') {
        const baseURL = requestData.options.baseURL;
        const allowedDomains = allowedDomainsOf({
            node,
            credentialData: credentials,
            credentialOwnedSurface: baseURL === undefined,
            nodeEndpointUrl: baseURL,
        });
        if (allowedDomains)
            requestData.options.allowedDomains = allowedDomains;
    }
    return requestData;
}
async function itemsOf(item, response, requestData) {
    let items = [{ json: response.body }];
    if (requestData.postReceive.length === 0) {
        return Array.isArray(response.body) ? response.body.map((json) => ({ json })) : items;
    }
    for (const { actions } of requestData.postReceive) {
        for (const action of actions) {
            items = await action.call(item, items, response);
        }
    }
    return items;
}
async function makeRequest(item, requestData, credentialType) {
    for (const preSend of requestData.preSend) {
        requestData.options = await preSend.call(item, requestData.options);
    }
    const send = async (data) => {
        data.options.returnFullResponse = true;
        const response = (credentialType
            ? await item.helpers.httpRequestWithAuthentication.call(item, credentialType, data.options, { credentialsDecrypted: undefined })
            : await item.helpers.httpRequest(data.options));
        return await itemsOf(item, response, requestData);
    };
    const pagination = requestData.requestOperations?.pagination;
    if (requestData.paginate && typeof pagination === 'function') {
        const paging = Object.create(item, { makeRoutingRequest: { value: send } });
        return await pagination.call(paging, requestData);
    }
    if (requestData.paginate && pagination)
        throw new n8n_workflow_1.NodeOperationError(item.getNode(), 'Declarative pagination is not supported here');
    return await send(requestData);
}
function routedOperation(description, option, fields) {
    const problems = routedOperationProblems(option, fields);
    if (problems.length > 0)
        throw new Error(`The operation "${option.value}" cannot run as a custom operation: ${problems.join('; ')}`);
    return async function () {
        const nodeDescription = description();
        const expressionDefault = Object.entries(nodeDescription.requestDefaults ?? {}).find(([, value]) => JSON.stringify(value ?? null).includes('"='));
        if (expressionDefault)
            throw new n8n_workflow_1.NodeOperationError(this.getNode(), `requestDefaults.${expressionDefault[0]} is an expression, which a custom operation does not evaluate`);
        const node = this.getNode();
        const runIndex = this.runIndex ?? 0;
        const items = this.getInputData();
        const credentialDescription = nodeDescription.credentials?.length === 1 ? nodeDescription.credentials[0] : undefined;
        let credentialType = credentialDescription?.name;
        let credentials;
        const readCredentials = async (name) => ((await this.getCredentials(name, 0)) || {});
        if (credentialDescription?.required) {
            credentials = await readCredentials(credentialDescription.name);
        }
        else if (credentialDescription) {
            credentials = await readCredentials(credentialDescription.name).catch(() => undefined);
            if (!credentials)
                credentialType = undefined;
        }
        const { batching } = this.getNodeParameter('requestOptions', 0, {});
        const batchSize = (batching?.batch?.batchSize ?? 0) > 0 ? batching.batch.batchSize : 1;
        const batchInterval = batching?.batch?.batchInterval ?? 0;
        const run = { parameters: node.parameters, node, description: nodeDescription, credentials, runIndex };
        const requests = [];
        const contexts = [];
        for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
            if (itemIndex > 0 && batchInterval > 0 && itemIndex % batchSize === 0)
                await (0, n8n_workflow_1.sleep)(batchInterval);
            const item = itemContext(this, itemIndex, run);
            contexts.push(item);
            try {
                readFieldsAhead(item, fields, run);
                const requestData = requestOf(item, run, option, fields, itemIndex);
                requests.push(makeRequest(item, requestData, credentialType));
            }
            catch (error) {
                const nodeError = error instanceof n8n_workflow_1.NodeApiError || error instanceof n8n_workflow_1.NodeOperationError
                    ? error
                    : new n8n_workflow_1.NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex, runIndex });
                setContext(nodeError, itemIndex, runIndex);
                if (item.continueOnFail()) {
                    requests.push(Promise.resolve([{ json: {}, error: nodeError }]));
                    continue;
                }
                throw nodeError;
            }
        }
        const settled = await Promise.allSettled(requests);
        const returnData = [];
        for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
            const result = settled[itemIndex];
            if (result.status === 'fulfilled') {
                returnData.push(...result.value);
                continue;
            }
            const error = result.reason;
            if (error?.statusCode === 429)
                error.message = "Try spacing your requests out using the batching settings under 'Options'";
            if (contexts[itemIndex].continueOnFail()) {
                returnData.push({ json: {}, error: error });
                continue;
            }
            if (error instanceof n8n_workflow_1.NodeApiError || parameterErrors.has(error)) {
                setContext(error, itemIndex, runIndex);
                throw error;
            }
            throw new n8n_workflow_1.NodeApiError(node, error, {
                runIndex,
                itemIndex,
                message: error?.message,
                description: error?.description,
                httpCode: error?.isAxiosError && error.response ? String(error.response.status) : 'none',
            });
        }
        return [returnData];
    };
}
//# sourceMappingURL=routedOperation.js.map