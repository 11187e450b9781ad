// The stand-in API in its own process, so that the benchmark's CPU figures are the client's
// alone. Driven through its admin endpoints.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

import type { StandInConfig, StandInStats } from '../test/harness/standIn.cjs';

export interface StandInProcess {
	url: string;
	key: string;
	configure(patch: Partial<StandInConfig>): Promise<void>;
	reset(): Promise<void>;
	stats(): Promise<StandInStats>;
	stop(): Promise<void>;
}

const root = path.resolve(__dirname, '..');

/** `tls`: PEM files of a certificate for 127.0.0.1, to speak HTTPS. */
export async function startStandInProcess(tls?: { keyFile: string; certFile: string }): Promise<StandInProcess> {
	const tlsArgs = tls ? ['--tls-key', tls.keyFile, '--tls-cert', tls.certFile] : [];
	const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dev/stand-in/cli.js'), '--port', '0', ...tlsArgs], {
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
	const [, url, key] = /on (https?:\/\/127\.0\.0\.1:\d+) \(key: ([^)]+)\)/.exec(banner) ?? [];
	// node:https with the certificate as its CA: this process started before the certificate was made.
	const ca = tls ? readFileSync(tls.certFile) : undefined;
	const admin = async (method: string, endpoint: string, body?: unknown) =>
		await new Promise<unknown>((resolve, reject) => {
			const text = body === undefined ? undefined : JSON.stringify(body);
			const request = (ca ? https : http).request(
				`${url}/_stand-in/${endpoint}`,
				{ method, headers: { 'content-type': 'application/json' }, ...(ca ? { ca } : {}) },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
				},
			);
			request.on('error', reject);
			request.end(text);
		});
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
