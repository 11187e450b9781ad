/// <reference lib="dom" />
// The editor's nodes panel, driven in a real browser.
import type { Page } from 'playwright-core';

/**
 * Types `search` into the open nodes panel and returns the node names it lists once they have
 * settled (the list is filtered as the text arrives). With `atLeastOne`, waits for a name first.
 */
export async function searchNodesPanel(page: Page, search: string, { atLeastOne = false } = {}): Promise<string[]> {
	await page.fill('[data-test-id="node-creator-search-bar"]', search);
	const names = page.locator('[data-test-id="node-creator-item-name"]');
	if (atLeastOne) await names.first().waitFor();
	let listed: string[] = [];
	for (let settled = 0; settled < 3; ) {
		await page.waitForTimeout(300);
		const now = (await names.allInnerTexts()).map((name) => name.trim());
		settled = JSON.stringify(now) === JSON.stringify(listed) ? settled + 1 : 0;
		listed = now;
	}
	return listed;
}

/** The "+" of a node's input on the canvas, which opens the nodes panel at that input. */
export const inputPlus = (node: string, input: string) =>
	`[data-test-id="canvas-node"][data-node-name="${node}"] [data-test-id="canvas-node-input-handle"][data-handleid="inputs/${input}/0"] [data-test-id="canvas-handle-plus"]`;

/**
 * Opens the nodes panel at a node's input and searches it until `expected` is listed, for up to
 * 10 s (the panel can show the top-level list for a moment before it narrows to the sub-nodes
 * that fit the input). A click that lands while the canvas is still being set up opens the
 * top-level panel for good (seen in CI and in runs here), so the panel is then closed and the "+"
 * clicked again, up to three times. Returns what was listed last.
 */
export async function searchNodesPanelAtInput(page: Page, node: string, input: string, search: string, expected: string[]): Promise<string[]> {
	let listed: string[] = [];
	for (let attempt = 1; attempt <= 3; attempt++) {
		if (attempt > 1) await page.keyboard.press('Escape');
		await page.locator(inputPlus(node, input)).click();
		const deadline = Date.now() + 10_000;
		do listed = await searchNodesPanel(page, search);
		while (JSON.stringify(listed) !== JSON.stringify(expected) && Date.now() < deadline);
		if (JSON.stringify(listed) === JSON.stringify(expected)) break;
	}
	return listed;
}
