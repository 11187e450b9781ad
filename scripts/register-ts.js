// Lets Node run the benchmark's TypeScript directly (type-checked beforehand by tsc --noEmit):
// each .ts and .cts file is transpiled on require, like ts-node in transpile-only mode, and a
// tooling import of `./x.cjs` finds its source x.cts (see jest.config.js).
const { existsSync, readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

function transpile(module, filename) {
	const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
	});
	module._compile(outputText, filename);
}
require.extensions['.ts'] = transpile;
require.extensions['.cts'] = transpile;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	if (/^\.{1,2}\/.*\.cjs$/.test(request) && parent?.filename) {
		const source = path.resolve(path.dirname(parent.filename), request.replace(/\.cjs$/, '.cts'));
		if (!existsSync(path.resolve(path.dirname(parent.filename), request)) && existsSync(source)) return source;
	}
	return resolveFilename.call(this, request, parent, ...rest);
};
