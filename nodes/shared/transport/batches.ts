import { sleep } from 'n8n-workflow';

import type { Subject } from './answers';

/**
 * Items whose inputs go to the API together, many per request (embeddings take up to 2048
 * inputs). RoutingNode still hands over one request per item; the items of a range of
 * consecutive item indexes meet here, and each group of them whose requests differ only in
 * their input is sent as one request. Every member gets its own share of the answer, or the
 * request's error.
 *
 * Who belongs to a range is settled without knowing the future: RoutingNode starts every
 * item in one synchronous pass, so a range takes the items that have arrived by the next turn
 * of the event loop after its first (an item whose parameters n8n could not evaluate never
 * arrives). Items that arrive later (n8n's own Batching option spaces them out) start a new
 * range: smaller requests, nothing lost.
 */
export class InputBatches<Member> {
	private readonly open = new Map<number, Range<Member>>();

	constructor(
		private readonly maxInputs: number,
		/** Sends one group of members as one request; resolves with each member's share, in order. */
		private readonly send: (members: Member[]) => Promise<Share[]>,
		/** Members whose requests may go together: equal keys. */
		private readonly keyOf: (member: Member) => string,
	) {}

	/** An item arrives: it holds a place in its range until it joins with its request, or leaves. */
	enter(itemIndex: number): Place<Member> {
		const id = Math.floor(itemIndex / this.maxInputs);
		let range = this.open.get(id);
		if (!range) {
			range = new Range(this.send, this.keyOf);
			this.open.set(id, range);
			const closing = range;
			void sleep(0).then(() => {
				if (this.open.get(id) === closing) this.open.delete(id);
				closing.close();
			});
		}
		return range.place(itemIndex);
	}
}

/** A member's share of a group's answer. */
export type Share = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The last failure of a group's request that is not sent again, for each member to word as its
 * own error: the note on the attempts, and which items the request was for.
 */
export class BatchFailure extends Error {
	constructor(
		readonly failure: unknown,
		readonly note: string,
		readonly itemIndexes: number[],
		/** What the request was about, where not the items' model (a batch made of them). */
		readonly subject?: Subject,
	) {
		super('A request for several items failed');
	}

	/** The items, as runs: "0–99" or "0–4, 6–9". */
	get items(): string {
		const runs: string[] = [];
		let start = 0;
		for (let index = 1; index <= this.itemIndexes.length; index++) {
			const [from, previous] = [this.itemIndexes[start], this.itemIndexes[index - 1]];
			if (index < this.itemIndexes.length && this.itemIndexes[index] === previous + 1) continue;
			runs.push(from === previous ? `${from}` : `${from}–${previous}`);
			start = index;
		}
		return runs.join(', ');
	}
}

export interface Place<Member> {
	/** The member's request is ready: resolves with its share of the group's answer, or throws the group's error. */
	join(member: Member): Promise<unknown>;
	/**
	 * The member will not be sent (its input was refused). `stopsAll`: neither will the others
	 * (an operation whose items go together or not at all, and the node stops on errors): they
	 * get a NotSent naming this item.
	 */
	leave(stopsAll?: boolean): void;
}

/** What the members of a group that was not sent get: the item whose refusal stopped it. */
export class NotSent extends Error {
	constructor(readonly itemIndex: number) {
		super(`Not sent: item ${itemIndex} was refused, and the items go together or not at all`);
	}
}

class Range<Member> {
	private closed = false;

	private pending = 0;

	/** The item whose refusal stopped the whole range (leave(true)), if one did. */
	private stoppedBy?: number;

	private readonly members: Array<{ member: Member; key: string; settle: (share: Share) => void }> = [];

	constructor(
		private readonly send: (members: Member[]) => Promise<Share[]>,
		private readonly keyOf: (member: Member) => string,
	) {}

	place(itemIndex: number): Place<Member> {
		this.pending += 1;
		let settled = false;
		const done = () => {
			if (settled) return false;
			settled = true;
			this.pending -= 1;
			return true;
		};
		return {
			join: async (member) => {
				if (!done()) throw new Error('An item joined its batch twice');
				const share = await this.shareOf(member);
				if (!share.ok) throw share.error;
				return share.value;
			},
			leave: (stopsAll = false) => {
				if (stopsAll && this.stoppedBy === undefined) this.stoppedBy = itemIndex;
				if (done()) this.dispatchIfComplete();
			},
		};
	}

	/** The member's share once its group is answered; at once its error when its request cannot be keyed. */
	private async shareOf(member: Member): Promise<Share> {
		let key: string;
		try {
			key = this.keyOf(member);
		} catch (error) {
			// Its request cannot be compared with the others': it goes nowhere, the others go on.
			this.dispatchIfComplete();
			return { ok: false, error };
		}
		return await new Promise<Share>((settle) => {
			this.members.push({ member, key, settle });
			this.dispatchIfComplete();
		});
	}

	close(): void {
		this.closed = true;
		this.dispatchIfComplete();
	}

	private dispatchIfComplete(): void {
		if (!this.closed || this.pending > 0 || this.members.length === 0) return;
		if (this.stoppedBy !== undefined) {
			const error = new NotSent(this.stoppedBy);
			for (const { settle } of this.members.splice(0)) settle({ ok: false, error });
			return;
		}
		const groups = new Map<string, typeof this.members>();
		for (const entry of this.members.splice(0)) {
			const group = groups.get(entry.key);
			if (group) group.push(entry);
			else groups.set(entry.key, [entry]);
		}
		for (const group of groups.values()) {
			const missing: Share = { ok: false, error: new Error('The request gave no result for this item') };
			this.send(group.map(({ member }) => member)).then(
				(shares) => group.forEach(({ settle }, index) => settle(shares[index] ?? missing)),
				(error: unknown) => group.forEach(({ settle }) => settle({ ok: false, error })),
			);
		}
	}
}
