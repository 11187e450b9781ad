"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.perRun = perRun;
function perRun(create) {
    const byRun = new WeakMap();
    return (context) => {
        const run = context.getExecuteData();
        let state = byRun.get(run);
        if (!state) {
            state = create(context);
            byRun.set(run, state);
        }
        return state;
    };
}
//# sourceMappingURL=perRun.js.map