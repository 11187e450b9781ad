"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotSent = exports.BatchFailure = exports.InputBatches = void 0;
const n8n_workflow_1 = require("n8n-workflow");
class InputBatches {
    maxInputs;
    send;
    keyOf;
    open = new Map();
    constructor(maxInputs, send, keyOf) {
        this.maxInputs = maxInputs;
        this.send = send;
        this.keyOf = keyOf;
    }
    enter(itemIndex) {
        const id = Math.floor(itemIndex / this.maxInputs);
        let range = this.open.get(id);
        if (!range) {
            range = new Range(this.send, this.keyOf);
            this.open.set(id, range);
            const closing = range;
            void (0, n8n_workflow_1.sleep)(0).then(() => {
                if (this.open.get(id) === closing)
                    this.open.delete(id);
                closing.close();
            });
        }
        return range.place(itemIndex);
    }
}
exports.InputBatches = InputBatches;
class BatchFailure extends Error {
    failure;
    note;
    itemIndexes;
    subject;
    constructor(failure, note, itemIndexes, subject) {
        super('A request for several items failed');
        this.failure = failure;
        this.note = note;
        this.itemIndexes = itemIndexes;
        this.subject = subject;
    }
    get items() {
        const runs = [];
        let start = 0;
        for (let index = 1; index <= this.itemIndexes.length; index++) {
            const [from, previous] = [this.itemIndexes[start], this.itemIndexes[index - 1]];
            if (index < this.itemIndexes.length && this.itemIndexes[index] === previous + 1)
                continue;
            runs.push(from === previous ? `${from}` : `${from}–${previous}`);
            start = index;
        }
        return runs.join(', ');
    }
}
exports.BatchFailure = BatchFailure;
class NotSent extends Error {
    itemIndex;
    constructor(itemIndex) {
        super(`Not sent: item ${itemIndex} was refused, and the items go together or not at all`);
        this.itemIndex = itemIndex;
    }
}
exports.NotSent = NotSent;
class Range {
    send;
    keyOf;
    closed = false;
    pending = 0;
    stoppedBy;
    members = [];
    constructor(send, keyOf) {
        this.send = send;
        this.keyOf = keyOf;
    }
    place(itemIndex) {
        this.pending += 1;
        let settled = false;
        const done = () => {
            if (settled)
                return false;
            settled = true;
            this.pending -= 1;
            return true;
        };
        return {
            join: async (member) => {
                if (!done())
                    throw new Error('An item joined its batch twice');
                const share = await this.shareOf(member);
                if (!share.ok)
                    throw share.error;
                return share.value;
            },
            leave: (stopsAll = false) => {
                if (stopsAll && this.stoppedBy === undefined)
                    this.stoppedBy = itemIndex;
                if (done())
                    this.dispatchIfComplete();
            },
        };
    }
    async shareOf(member) {
        let key;
        try {
            key = this.keyOf(member);
        }
        catch (error) {
            this.dispatchIfComplete();
            return { ok: false, error };
        }
        return await new Promise((settle) => {
            this.members.push({ member, key, settle });
            this.dispatchIfComplete();
        });
    }
    close() {
        this.closed = true;
        this.dispatchIfComplete();
    }
    dispatchIfComplete() {
        if (!this.closed || this.pending > 0 || this.members.length === 0)
            return;
        if (this.stoppedBy !== undefined) {
            const error = new NotSent(this.stoppedBy);
            for (const { settle } of this.members.splice(0))
                settle({ ok: false, error });
            return;
        }
        const groups = new Map();
        for (const entry of this.members.splice(0)) {
            const group = groups.get(entry.key);
            if (group)
                group.push(entry);
            else
                groups.set(entry.key, [entry]);
        }
        for (const group of groups.values()) {
            const missing = { ok: false, error: new Error('The request gave no result for this item') };
            this.send(group.map(({ member }) => member)).then((shares) => group.forEach(({ settle }, index) => settle(shares[index] ?? missing)), (error) => group.forEach(({ settle }) => settle({ ok: false, error })));
        }
    }
}
//# sourceMappingURL=batches.js.map