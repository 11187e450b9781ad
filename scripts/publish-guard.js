#!/usr/bin/env node
// prepublishOnly: n8n verifies a community package only when it was published from GitHub
// Actions with npm provenance, so this package is published by .github/workflows/release.yml
// and nowhere else. Any other `npm publish` stops here, before anything leaves the machine.
const fromGitHubActions = process.env.GITHUB_ACTIONS === 'true';
const withProvenance = process.env.npm_config_provenance === 'true';
if (!fromGitHubActions || !withProvenance) {
	console.error(
		[
			`npm publish refused: ${fromGitHubActions ? 'without --provenance' : 'outside GitHub Actions'}.`,
			'This package is published by the Release workflow (.github/workflows/release.yml) when a',
			'version tag such as v0.1.1 is pushed: n8n verifies community packages only when npm',
			'provenance says which commit of which repository they were built from.',
		].join('\n'),
	);
	process.exit(1);
}
