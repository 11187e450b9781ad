// How the package may be published: only by the Release workflow, with npm provenance (n8n
// verifies nothing else), and linted with n8n's own default config in strict mode.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** The environment of a shell on a developer's machine: no GitHub Actions, no npm settings. */
function outsideGitHubActions(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => name !== 'GITHUB_ACTIONS' && !/^npm_/i.test(name)),
	);
}

describe('publishing', () => {
	it('refuses `npm publish` outside GitHub Actions, in prepublishOnly, before anything is packed', () => {
		const publish = spawnSync('npm', ['publish', '--dry-run', '--provenance'], {
			cwd: ROOT,
			env: outsideGitHubActions(),
			encoding: 'utf8',
		});

		expect(publish.status).not.toBe(0);
		expect(publish.stderr).toContain('npm publish refused: outside GitHub Actions.');
		expect(publish.stderr).not.toContain('Tarball Contents');
	});

	it('refuses a publish from GitHub Actions without provenance, and lets the Release workflow\'s through', () => {
		const guard = (env: NodeJS.ProcessEnv) =>
			spawnSync(process.execPath, ['scripts/publish-guard.js'], { cwd: ROOT, env: { ...outsideGitHubActions(), ...env }, encoding: 'utf8' });

		const withoutProvenance = guard({ GITHUB_ACTIONS: 'true' });
		expect(withoutProvenance.status).toBe(1);
		expect(withoutProvenance.stderr).toContain('npm publish refused: without --provenance.');
		expect(guard({ GITHUB_ACTIONS: 'true', npm_config_provenance: 'true' })).toMatchObject({ status: 0, stderr: '' });
	});

	it("lints with n8n's default ESLint config, unchanged, which strict mode requires for n8n Cloud", () => {
		const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		const template = path.join(
			ROOT,
			'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
		);

		expect(packageJson.n8n.strict).toBe(true);
		expect(readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8')).toBe(readFileSync(template, 'utf8'));
		expect(packageJson.scripts.lint).toMatch(/^n8n-node lint && /);
	});
});
