import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

// package.json is linted too: the TypeScript parser reads it as a JSON expression.
const languageOptions = {
	parser: tsParser,
	parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
};

/** One of eslint-plugin-n8n-nodes-base's rule sets, over some files. */
const n8nNodesBaseRules = (files, configName, overrides = {}) => ({
	files,
	languageOptions,
	plugins: { 'n8n-nodes-base': n8nNodesBase },
	rules: { ...n8nNodesBase.configs[configName].rules, ...overrides },
});

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**'] },
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions,
	},
	n8nNodesBaseRules(['package.json'], 'community'),
	n8nNodesBaseRules(['credentials/**/*.ts'], 'credentials', {
		// Written for n8n's own credentials (a docs slug); a community credential links a full URL.
		'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
	}),
	n8nNodesBaseRules(['nodes/**/*.ts'], 'nodes', {
		// These two predate NodeConnectionTypes and want the literal 'main', which
		// @n8n/community-nodes/node-connection-type-literal forbids.
		'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
		'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	}),
];
