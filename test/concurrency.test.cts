// The adaptive concurrency slots on their own: the policy, without the engine or any waiting.
import { AdaptiveSlots, type Slot } from '../nodes/shared/transport/concurrency';

/** Takes `count` slots at once (they are free, so none waits). */
const take = async (slots: AdaptiveSlots, count: number) => Promise.all(Array.from({ length: count }, async () => slots.acquire()));

/** Who got a slot, in order, among acquirers still waiting. */
function queue(slots: AdaptiveSlots, names: Array<[string, boolean]>) {
	const granted: string[] = [];
	const held: Slot[] = [];
	for (const [name, retry] of names) {
		void slots.acquire(undefined, { retry }).then((slot) => {
			granted.push(name);
			held.push(slot);
		});
	}
	return { granted, held };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('adaptive slots', () => {
	it('start at the maximum and never give more', async () => {
		const slots = new AdaptiveSlots(3);
		await take(slots, 3);
		const { granted } = queue(slots, [['fourth', false]]);
		await tick();
		expect(granted).toEqual([]);
		expect(slots.current).toBe(3);
	});

	it('drop to what the API holds when it turns a request away, and call that the node\'s reach', async () => {
		const slots = new AdaptiveSlots(8);
		const held = await take(slots, 8);
		// The API admits 3: the other five are turned away, one after the other.
		const verdicts = held.slice(3).map((slot) => slot.release('turned away'));
		expect(verdicts.map(({ overreached }) => overreached)).toEqual([true, true, true, true, true]);
		expect(slots.current).toBe(3);
	});

	it('do not blame the node for a request turned away while it was alone', async () => {
		const slots = new AdaptiveSlots(8);
		const [slot] = await take(slots, 1);
		expect(slot.release('turned away')).toEqual({ overreached: false });
		expect(slots.current).toBe(1);
	});

	it('give the next free slot to a request that was turned away before one not yet tried', async () => {
		const slots = new AdaptiveSlots(1);
		const [first] = await take(slots, 1);
		const { granted } = queue(slots, [
			['fresh 1', false],
			['retry', true],
			['fresh 2', false],
		]);
		first.release('answered');
		await tick();
		expect(granted).toEqual(['retry']);
	});

	it('try one more slot after a streak of answers, while enough work waits', async () => {
		const slots = new AdaptiveSlots(4);
		const held = await take(slots, 4);
		held[3].release('turned away');
		held[2].release('turned away');
		expect(slots.current).toBe(2);
		slots.waitedAfterRefusal(0);
		// Plenty of work waiting: after 2 × 4 answers in a row, a third slot is tried.
		const waiting = queue(slots, Array.from({ length: 40 }, (_, i) => [`item ${i}`, false] as [string, boolean]));
		let slotsInHand = [held[0], held[1]];
		for (let answers = 0; answers < 8; answers++) {
			expect(slots.current).toBe(2);
			slotsInHand.shift()!.release('answered');
			await tick();
			slotsInHand = [...slotsInHand, ...waiting.held.splice(0)];
		}
		expect(slots.current).toBe(3);
	});

	/** Slots at 4, two of them turned away (the limit drops to 2), then ten answers in a row with nothing waiting for a slot. */
	async function tenAnswersAfterTwoRefusals(slots: AdaptiveSlots) {
		const held = await take(slots, 4);
		held[3].release('turned away');
		held[2].release('turned away');
		slots.waitedAfterRefusal(0);
		held[0].release('answered');
		held[1].release('answered');
		for (let answers = 0; answers < 10; answers++) (await slots.acquire()).release('answered');
	}

	it('make no probe when too little work waits for it to pay', async () => {
		const slots = new AdaptiveSlots(4);
		await tenAnswersAfterTwoRefusals(slots);
		expect(slots.current).toBe(2);
	});

	it('count the work not yet built among what waits when deciding on a probe', async () => {
		// The request path builds only a few requests ahead of their slot: the rest wait before.
		// Nothing waits for a slot itself, but 40 requests wait to be built: a probe pays.
		const slots = new AdaptiveSlots(4, () => 40);
		await tenAnswersAfterTwoRefusals(slots);
		expect(slots.current).toBe(3);
	});

	it('give no slot while paused, then the turned-away items first', async () => {
		const slots = new AdaptiveSlots(2);
		slots.pause(30);
		const { granted } = queue(slots, [
			['fresh', false],
			['retry', true],
		]);
		await tick();
		expect(granted).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(granted).toEqual(['retry', 'fresh']);
	});

	it('end a pause even when the clock reads a little behind the timer that ends it', async () => {
		const slots = new AdaptiveSlots(1);
		const realNow = Date.now.bind(Date);
		// The wall clock 5 ms behind: the pause's timer fires while Date.now() says it is not over.
		const behind = jest.spyOn(Date, 'now').mockImplementation(() => realNow() - 5);
		try {
			slots.pause(20);
			behind.mockImplementation(() => realNow() - 10);
			const { granted } = queue(slots, [['waiting', false]]);
			await new Promise((resolve) => setTimeout(resolve, 80));
			expect(granted).toEqual(['waiting']);
		} finally {
			behind.mockRestore();
		}
	});

	it('stop waiting when aborted, taking no slot', async () => {
		const slots = new AdaptiveSlots(1);
		const [first] = await take(slots, 1);
		const controller = new AbortController();
		const waiting = slots.acquire(controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow('cancelled');
		first.release('answered');
		const next = await slots.acquire();
		expect(next).toBeDefined();
	});
});
