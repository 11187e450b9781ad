// A real browser on a real n8n: Debian's Chromium driven by playwright-core, signed in to the
// editor, and the screenshots the docs show.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..');

/** Chromium (CHROMIUM_PATH, else Debian's), without the sandbox, the GPU or its own network chatter. */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/** Signs in on n8n's sign-in page as an existing user, and waits for the home page. */
export async function signInToEditor(page: Page, n8nUrl: string, user: { email: string; password: string }): Promise<void> {
	await page.goto(`${n8nUrl}/signin`);
	await page.fill('input[name="emailOrLdapLoginId"]', user.email);
	await page.fill('input[name="password"]', user.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL(/\/(home|workflows)/);
}

/**
 * Takes the page as it is into .local/e2e/screenshots/<image>, and into docs/images/<image> too
 * with UPDATE_README_SCREENSHOT=1 (the README and the docs show those).
 */
export async function saveScreenshot(page: Page, image: string): Promise<void> {
	const dir = path.join(ROOT, '.local', 'e2e', 'screenshots');
	mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: path.join(dir, image) });
	if (process.env.UPDATE_README_SCREENSHOT) copyFileSync(path.join(dir, image), path.join(ROOT, 'docs', 'images', image));
}
