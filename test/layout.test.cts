// The layout's rules on imports: a node stands on nodes/shared and never on another node's
// files; nodes/shared stands on no node; dev/ (the local environment) never imports scripts/
// (the entry points of npm scripts, which may use dev/).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_DIR } from './harness/package.cjs';

function filesUnder(folder: string, extensions: RegExp): string[] {
	return readdirSync(path.join(PACKAGE_DIR, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && extensions.test(entry.name))
		.map((entry) => path.relative(PACKAGE_DIR, path.join(entry.parentPath, entry.name)));
}

/** Each relative import of a file, as a path from the package root. */
function importsOf(file: string): string[] {
	const source = readFileSync(path.join(PACKAGE_DIR, file), 'utf8');
	const specifiers = [...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map(
		([, specifier]) => specifier,
	);
	return specifiers.map((specifier) => path.join(path.dirname(file), specifier));
}

/** Every import of the files under `folder` that reaches into `forbidden`, as "file → import". */
function importsInto(folder: string, extensions: RegExp, forbidden: (target: string, file: string) => boolean): string[] {
	return filesUnder(folder, extensions).flatMap((file) =>
		importsOf(file)
			.filter((target) => forbidden(target, file))
			.map((target) => `${file} → ${target}`),
	);
}

const nodeOf = (file: string) => file.split(path.sep)[1];

describe('the layout', () => {
	it('finds the imports it checks', () => {
		expect(importsOf('nodes/DigitalOceanGradientChatModel/DigitalOceanGradientChatModel.node.ts')).toContain(
			'nodes/shared/models/modelPicker',
		);
		expect(importsOf('scripts/scan-package.mjs')).toContain('dev/pack');
	});

	it('lets no node import another node\'s files', () => {
		const crossing = importsInto('nodes', /\.ts$/, (target, file) =>
			target.startsWith(`nodes${path.sep}`) && nodeOf(target) !== 'shared' && nodeOf(target) !== nodeOf(file),
		);
		expect(crossing).toEqual([]);
	});

	it('keeps nodes/shared free of any node', () => {
		expect(importsInto('nodes/shared', /\.ts$/, (target) => target.startsWith(`nodes${path.sep}`) && nodeOf(target) !== 'shared')).toEqual([]);
	});

	it('keeps dev/ from importing scripts/', () => {
		expect(importsInto('dev', /\.(c|m)?js$/, (target) => target.startsWith(`scripts${path.sep}`))).toEqual([]);
	});
});
