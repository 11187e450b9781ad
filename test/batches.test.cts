// The batches the request path groups items into (transport/batches.ts), on their own: who goes
// together, and that every member ends, whatever one of them does.
import { sleep } from 'n8n-workflow';

import { BatchFailure, InputBatches, type Share } from '../nodes/shared/transport/batches';

interface Member {
	index: number;
	key: unknown;
}

/** Batches whose requests answer each member with its index, and record the groups sent. */
function batches(maxInputs: number) {
	const sent: number[][] = [];
	const send = async (members: Member[]): Promise<Share[]> => {
		sent.push(members.map(({ index }) => index));
		return members.map(({ index }) => ({ ok: true, value: index }));
	};
	const keyOf = ({ key }: Member) => {
		// As JSON.stringify does for a value it cannot write (a BigInt, a cycle).
		if (key === 'unwritable') throw new TypeError('Converting circular structure to JSON');
		return String(key);
	};
	return { sent, batches: new InputBatches<Member>(maxInputs, send, keyOf) };
}

describe('InputBatches', () => {
	it('sends the items of a range that arrived together as one group, per key, in item order', async () => {
		const { sent, batches: inBatches } = batches(3);
		const places = [0, 1, 2, 3, 4].map((index) => inBatches.enter(index));
		const keys = ['a', 'b', 'a', 'a', 'a'];
		const shares = places.map((place, index) => place.join({ index, key: keys[index] }));
		expect(await Promise.all(shares)).toEqual([0, 1, 2, 3, 4]);
		expect(sent).toEqual([[0, 2], [1], [3, 4]]);
	});

	it('sends the others when a member leaves, and when its key cannot be made', async () => {
		const { sent, batches: inBatches } = batches(10);
		const [first, second, third, fourth] = [0, 1, 2, 3].map((index) => inBatches.enter(index));
		second.leave();
		const failing = fourth.join({ index: 3, key: 'unwritable' });
		await expect(failing).rejects.toThrow('Converting circular structure to JSON');
		const shares = [first.join({ index: 0, key: 'k' }), third.join({ index: 2, key: 'k' })];
		expect(await Promise.all(shares)).toEqual([0, 2]);
		expect(sent).toEqual([[0, 2]]);
	});

	it('starts a new range for items that arrive later (n8n\'s Batching spaces them out)', async () => {
		const { sent, batches: inBatches } = batches(10);
		const early = inBatches.enter(0).join({ index: 0, key: 'k' });
		await sleep(5);
		const late = inBatches.enter(1).join({ index: 1, key: 'k' });
		expect(await Promise.all([early, late])).toEqual([0, 1]);
		expect(sent).toEqual([[0], [1]]);
	});

	it("gives every member the group's error when its request fails", async () => {
		const failure = new BatchFailure(new Error('503'), ' (gave up after 6 attempts)', [0, 1, 2, 4]);
		const failing = new InputBatches<Member>(10, async () => Promise.reject(failure), () => 'k');
		const shares = [0, 1].map((index) => failing.enter(index).join({ index, key: 'k' }));
		for (const share of shares) await expect(share).rejects.toBe(failure);
		expect(failure.items).toBe('0–2, 4');
	});
});
