// The tests and the benchmark: Node.js tooling in CommonJS TypeScript (.cts), linted as tooling.
// The node's own code is linted by `n8n-node lint` with n8n's default config (eslint.config.mjs),
// whose n8n Cloud rules are for code that runs inside n8n and forbid what tooling needs
// (node: modules, process, timers, console).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['test/**/*.cts', 'bench/**/*.cts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
	linterOptions: { reportUnusedDisableDirectives: 'error' },
	rules: {
		// The tooling requires the dev/ scripts, which are CommonJS JavaScript without types.
		'@typescript-eslint/no-require-imports': 'off',
		// Tests read the API's and n8n's JSON answers, whose shape is what they assert.
		'@typescript-eslint/no-explicit-any': 'off',
		// `const { dropped, ...kept } = value` is how a test says "all but this field".
		'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
	},
});
