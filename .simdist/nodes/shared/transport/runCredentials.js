"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runCredentials = exports.CREDENTIAL_TYPE = void 0;
exports.decryptedCredential = decryptedCredential;
exports.credentialPacer = credentialPacer;
exports.authenticateWithRunCredentials = authenticateWithRunCredentials;
const pacer_1 = require("./pacer");
const perRun_1 = require("./perRun");
const baseUrl_1 = require("../baseUrl");
exports.CREDENTIAL_TYPE = 'digitalOceanGradientApi';
exports.runCredentials = (0, perRun_1.perRun)((context) => context.getCredentials(exports.CREDENTIAL_TYPE));
function decryptedCredential(node, data) {
    const { id = null, name = '' } = node.credentials?.[exports.CREDENTIAL_TYPE] ?? {};
    return { id: id ?? '', name, type: exports.CREDENTIAL_TYPE, data: { ...data } };
}
function credentialPacer(node, data) {
    const { id, name = '' } = node.credentials?.[exports.CREDENTIAL_TYPE] ?? {};
    return (0, pacer_1.pacerFor)(`${id ?? name}|${(0, baseUrl_1.normalBaseUrl)(data.baseUrl)}`);
}
const handsRunCredentials = new WeakSet();
async function authenticateWithRunCredentials(context) {
    const helpers = context.helpers;
    const send = helpers.httpRequestWithAuthentication;
    if (typeof send !== 'function' || handsRunCredentials.has(send))
        return;
    const data = await (0, exports.runCredentials)(context);
    const node = context.getNode();
    const pacer = credentialPacer(node, data);
    const signal = context.getExecutionCancelSignal();
    const withRunCredentials = async function (credentialsType, requestOptions, options) {
        const credentialsDecrypted = options?.credentialsDecrypted ?? (credentialsType === exports.CREDENTIAL_TYPE ? decryptedCredential(node, data) : undefined);
        return await (0, pacer_1.sendPaced)(pacer, requestOptions, signal, async () => await send.call(this, credentialsType, requestOptions, { ...options, credentialsDecrypted }));
    };
    handsRunCredentials.add(withRunCredentials);
    helpers.httpRequestWithAuthentication = withRunCredentials;
}
//# sourceMappingURL=runCredentials.js.map