// Per-item CPU of Chat → Message a model, in-process (WorkflowExecute, the test harness), with
// and without its custom operation, and with the description one dummy resource wider.
//   npm run build && N8N_LOG_LEVEL=silent node -r ./scripts/register-ts.js bench/customOperation.cts [items] [rounds]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { loadPackage } from '../test/harness/package.cjs';
import { startStandInProcess } from './standInProcess.cjs';
import { runPrompts } from './workload.cjs';

const items = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 3);
/** How many dummy resources the "+dummy" variants add (each a copy of the chat resource's fields). */
const dummies = Number(process.argv[4] ?? 1);

/** A copy of the chat resource's fields shown for a resource "dummy": as wide as one more resource. */
function widen(nodeType: INodeType): () => void {
	const { description } = nodeType;
	const original = description.properties;
	const forChat = original.filter((property) => property.displayOptions?.show?.resource?.includes('chat'));
	const names = Array.from({ length: dummies }, (_, index) => `dummy${index}`);
	const dummy: INodeProperties[] = names.flatMap((name) =>
		forChat.map((property) => ({
			...property,
			displayOptions: { ...property.displayOptions, show: { ...property.displayOptions!.show, resource: [name] } },
		})),
	);
	const [selector, ...rest] = original;
	const widenedSelector: INodeProperties = {
		...selector,
		options: [...(selector.options as INodePropertyOptions[]), ...names.map((name) => ({ name, value: name }))],
	};
	description.properties = [widenedSelector, ...rest.slice(0, -1), ...dummy, rest[rest.length - 1]];
	return () => {
		description.properties = original;
	};
}

async function main() {
	const { nodeType } = await loadPackage();
	const customOperations = nodeType.customOperations!;
	// Counts the custom operation's runs: the figures say which path ran.
	let customRuns = 0;
	const complete = customOperations.chat.complete;
	customOperations.chat.complete = async function (this: ThisParameterType<typeof complete>) {
		customRuns += 1;
		return await complete.call(this);
	};
	const standIn = await startStandInProcess();
	await standIn.configure({ latencyMs: 0 });
	const variants: Record<string, () => () => void> = {
		routingNode: () => {
			nodeType.customOperations = undefined;
			return () => (nodeType.customOperations = customOperations);
		},
		customOperation: () => () => undefined,
		'routingNode+dummy': () => {
			nodeType.customOperations = undefined;
			const restore = widen(nodeType);
			return () => {
				restore();
				nodeType.customOperations = customOperations;
			};
		},
		'customOperation+dummy': () => widen(nodeType),
	};
	const restore = widen(nodeType);
	const widened = nodeType.description.properties.length;
	restore();
	console.log(`top-level properties: ${nodeType.description.properties.length} (+dummy: ${widened}); items per run: ${items}`);
	// Warm-up: every path once.
	for (const setUp of Object.values(variants)) {
		const undo = setUp();
		await runPrompts(standIn, 200);
		undo();
	}
	const results: Record<string, number[]> = {};
	/** How long after the run started the stand-in saw the first request (RoutingNode sends nothing before its pass over every item ends). */
	const firstRequest: Record<string, number[]> = {};
	for (let round = 0; round < rounds; round++) {
		for (const [name, setUp] of Object.entries(variants)) {
			const undo = setUp();
			const customBefore = customRuns;
			await standIn.reset();
			global.gc?.();
			const started = process.cpuUsage();
			const wall = performance.now();
			const startedAt = Date.now();
			await runPrompts(standIn, items);
			const { user, system } = process.cpuUsage(started);
			const ms = performance.now() - wall;
			const { chatRequests, firstStartedAt } = await standIn.stats();
			undo();
			(results[name] ??= []).push((user + system) / 1000 / items);
			(firstRequest[name] ??= []).push(firstStartedAt - startedAt);
			console.log(`${name.padEnd(22)} round ${round + 1}: ${(((user + system) / 1000) / items).toFixed(3)} ms CPU/item (user ${(user / 1000).toFixed(0)} ms, sys ${(system / 1000).toFixed(0)} ms), wall ${ms.toFixed(0)} ms, first request after ${firstStartedAt - startedAt} ms, ${chatRequests} requests, custom operation ran: ${customRuns > customBefore}`);
		}
	}
	console.log('\nmedian ms CPU per item:');
	for (const [name, values] of Object.entries(results)) {
		const sorted = [...values].sort((a, b) => a - b);
		console.log(`  ${name.padEnd(22)} ${sorted[Math.floor(sorted.length / 2)].toFixed(3)}  (${sorted.map((value) => value.toFixed(3)).join(', ')})`);
	}
	console.log('\nmedian ms before the first request:');
	for (const [name, values] of Object.entries(firstRequest)) {
		const sorted = [...values].sort((a, b) => a - b);
		console.log(`  ${name.padEnd(22)} ${sorted[Math.floor(sorted.length / 2)]}  (${sorted.join(', ')})`);
	}
	await standIn.stop();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
