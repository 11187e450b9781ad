// The stand-in API in its own process, so that the benchmark's CPU figures are the client's
// alone. Driven through its admin endpoints.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { StandInConfig, StandInStats } from '../test/harness/standIn';

export interface StandInProcess {
	url: string;
	key: string;
	configure(patch: Partial<StandInConfig>): Promise<void>;
	reset(): Promise<void>;
	stats(): Promise<StandInStats>;
	stop(): Promise<void>;
}

const root = path.resolve(__dirname, '..');

export async function startStandInProcess(): Promise<StandInProcess> {
	const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dev/stand-in/cli.js'), '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const banner = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout!.on('data', (chunk) => {
			text += chunk;
			if (text.includes('\n')) resolve(text);
		});
		child.once('exit', (code) => reject(new Error(`The stand-in exited with ${code}`)));
	});
	const [, url, key] = /on (http:\/\/127\.0\.0\.1:\d+) \(key: ([^)]+)\)/.exec(banner) ?? [];
	const admin = async (method: string, endpoint: string, body?: unknown) => {
		const response = await fetch(`${url}/_stand-in/${endpoint}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as unknown;
	};
	return {
		url,
		key,
		configure: async (patch) => void (await admin('POST', 'config', patch)),
		reset: async () => void (await admin('POST', 'reset')),
		stats: async () => (await admin('GET', 'stats')) as StandInStats,
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
