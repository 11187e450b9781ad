// The npm registry as a self-hosted n8n behind an HTTPS-inspecting company proxy reaches it,
// offline: a local registry (verdaccio, no uplink) answers as registry.npmjs.org through a
// loopback CONNECT proxy that terminates TLS with a certificate from a throwaway CA. n8n's
// Community Nodes panel only installs from the default registry (another one needs a paid
// licence feature) and its update check (`npm outdated`) always asks the default registry, so
// this is how the panel can be driven for real without the internet.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

const { run } = require('../../dev/installer');
const { npmPack } = require('../../dev/pack');
const { ensureVerdaccio } = require('../../dev/verdaccio');

export const REGISTRY_HOST = 'registry.npmjs.org';

export interface Certificates {
	/** The throwaway CA's certificate: what NODE_EXTRA_CA_CERTS and npm's cafile name. */
	caFile: string;
	/** registry.npmjs.org's certificate and key, signed by that CA. */
	cert: string;
	key: string;
}

/** A throwaway CA made with openssl, and a certificate for registry.npmjs.org signed by it. */
export function makeCertificates(dir: string): Certificates {
	mkdirSync(dir, { recursive: true });
	const file = (name: string) => path.join(dir, name);
	const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
	openssl(['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=Throwaway test proxy CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
		'-keyout', file('ca.key'), '-out', file('ca.pem')]);
	openssl(['req', '-new', ...ec, '-subj', `/CN=${REGISTRY_HOST}`, '-keyout', file('registry.key'), '-out', file('registry.csr')]);
	writeFileSync(file('registry.ext'), [
		`subjectAltName=DNS:${REGISTRY_HOST}`,
		'basicConstraints=CA:FALSE',
		'keyUsage=critical,digitalSignature',
		'extendedKeyUsage=serverAuth',
		'authorityKeyIdentifier=keyid',
		'subjectKeyIdentifier=hash',
	].join('\n'));
	openssl(['x509', '-req', '-in', file('registry.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
		'-days', '2', '-extfile', file('registry.ext'), '-out', file('registry.pem')]);
	return { caFile: file('ca.pem'), cert: readFileSync(file('registry.pem'), 'utf8'), key: readFileSync(file('registry.key'), 'utf8') };
}

export interface LocalRegistry {
	/** Where verdaccio listens, for publishing (never given to n8n). */
	url: string;
	log(): string;
	close(): Promise<void>;
}

/** Verdaccio with no uplink (it knows only what is published to it), storage in `dir`. */
export async function startVerdaccio(dir: string, port: number): Promise<LocalRegistry> {
	const script = await ensureVerdaccio();
	mkdirSync(path.join(dir, 'storage'), { recursive: true });
	const config = path.join(dir, 'config.yaml');
	writeFileSync(config, [
		`storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		'log: { type: stdout, format: pretty, level: http }',
		'web: { enable: false }',
		'',
	].join('\n'));
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [script, '--config', config, '--listen', `127.0.0.1:${port}`], {
		cwd: dir,
		env: { ...process.env, VERDACCIO_PUBLIC_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout!.on('data', (chunk) => (log += chunk));
	child.stderr!.on('data', (chunk) => (log += chunk));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const close = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(killer);
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			if ((await fetch(`${url}/-/ping`)).ok) break;
		} catch {
			// not listening yet
		}
		if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode} while starting:\n${log}`);
		if (Date.now() > deadline) {
			await close();
			throw new Error(`verdaccio did not answer /-/ping within 60 s:\n${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return { url, log: () => log, close };
}

/**
 * Publishes a tarball the way a maintainer does (`npm publish <file>`, logged in as a throwaway
 * user, created on the first publish), without lifecycle scripts: a publish guard in
 * package.json does not apply to a test.
 */
export async function publish(registry: LocalRegistry, tarball: string, workDir: string): Promise<void> {
	const host = new URL(registry.url).host;
	mkdirSync(workDir, { recursive: true });
	const npmrc = path.join(workDir, 'publisher.npmrc');
	if (!existsSync(npmrc)) {
		const user = { name: 'throwaway-publisher', password: 'throwaway-password-1', email: 'publisher@example.com' };
		const response = await fetch(`${registry.url}/-/user/org.couchdb.user:${user.name}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ _id: `org.couchdb.user:${user.name}`, type: 'user', roles: [], date: new Date().toISOString(), ...user }),
		});
		const { token } = (await response.json()) as { token?: string };
		if (!token) throw new Error(`verdaccio gave the throwaway publisher no token (HTTP ${response.status})`);
		writeFileSync(npmrc, `//${host}/:_authToken=${token}\n`);
	}
	const env: NodeJS.ProcessEnv = { ...process.env, npm_config_userconfig: npmrc, npm_config_cache: path.join(workDir, 'npm-cache') };
	for (const name of Object.keys(env)) if (/^npm_config_(registry|provenance|ignore_scripts)$/i.test(name)) delete env[name];
	await run('npm', ['publish', tarball, '--registry', registry.url, '--ignore-scripts', '--access', 'public', '--tag', 'latest'], {
		cwd: workDir,
		env,
		quiet: true,
		heartbeat: false,
	});
}

/**
 * The package under another version: the packed package.json's version changed, and `change`
 * (if any) applied to the unpacked package's files, packed again.
 */
export function withVersion(tarball: string, version: string, workDir: string, change?: (packageDir: string) => void): string {
	const dir = mkdtempSync(path.join(workDir, `repack-${version}-`));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	change?.(path.join(dir, 'package'));
	const manifestFile = path.join(dir, 'package', 'package.json');
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	writeFileSync(manifestFile, JSON.stringify({ ...manifest, version }, null, 2));
	const destination = path.join(workDir, `packed-${version}`);
	mkdirSync(destination, { recursive: true });
	return npmPack(['--ignore-scripts'], destination, path.join(dir, 'package'));
}

export interface InspectingProxy {
	/** http://127.0.0.1:<port>, for HTTPS_PROXY, HTTP_PROXY and npm's proxy settings. */
	url: string;
	/** Each request answered as registry.npmjs.org: method and path. */
	served: Array<{ method: string; path: string; userAgent: string }>;
	/** Each destination refused ("host:port" for CONNECT, the URL for plain http). */
	refused: string[];
	close(): Promise<void>;
}

/**
 * A loopback proxy like a company's HTTPS-inspecting one: CONNECT to registry.npmjs.org:443 is
 * accepted and its TLS terminated with the CA's certificate, each request inside forwarded to
 * the local registry (with the public host name, so the tarball URLs it writes name it too);
 * every other destination is refused, and recorded.
 */
export async function startInspectingProxy(certificates: Certificates, registry: LocalRegistry): Promise<InspectingProxy> {
	const target = new URL(registry.url);
	const served: InspectingProxy['served'] = [];
	const refused: string[] = [];
	const sockets = new Set<Socket>();

	const registryFace = http.createServer((request, response) => {
		served.push({ method: request.method ?? '', path: request.url ?? '', userAgent: String(request.headers['user-agent'] ?? '') });
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: request.method,
				path: request.url,
				headers: { ...request.headers, host: REGISTRY_HOST, 'x-forwarded-proto': 'https' },
			},
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', (error) => {
			response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`the local registry failed: ${error.message}`);
		});
		request.pipe(upstream);
	});

	const proxy = http.createServer((request, response) => {
		// A plain-http request through the proxy: nothing is served that way.
		refused.push(request.url ?? '');
		response.writeHead(403, { 'content-type': 'text/plain' });
		response.end('refused by the test proxy: only registry.npmjs.org over HTTPS is reachable');
	});
	proxy.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	proxy.on('connect', (request, socket: Socket) => {
		const destination = request.url ?? '';
		if (destination !== `${REGISTRY_HOST}:443`) {
			refused.push(destination);
			socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		const secure = new tls.TLSSocket(socket, { isServer: true, cert: certificates.cert, key: certificates.key, ALPNProtocols: ['http/1.1'] });
		secure.on('error', () => socket.destroy());
		registryFace.emit('connection', secure);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const { port } = proxy.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		served,
		refused,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
			registryFace.close();
		},
	};
}

/**
 * What a self-hosted n8n behind that proxy is started with: the proxy for n8n and for the npm it
 * runs, the CA for both, loopback exempt (the stand-in API, Redis), and npm's own cache in the
 * test's folder with no user configuration of this machine's.
 */
export function behindProxyEnv(proxy: InspectingProxy, certificates: Certificates, workDir: string): Record<string, string> {
	mkdirSync(workDir, { recursive: true });
	const npmrc = path.join(workDir, 'user.npmrc');
	writeFileSync(npmrc, '');
	const noProxy = '127.0.0.1,localhost,::1';
	return {
		HTTPS_PROXY: proxy.url,
		HTTP_PROXY: proxy.url,
		https_proxy: proxy.url,
		http_proxy: proxy.url,
		NO_PROXY: noProxy,
		no_proxy: noProxy,
		NODE_EXTRA_CA_CERTS: certificates.caFile,
		npm_config_proxy: proxy.url,
		npm_config_https_proxy: proxy.url,
		npm_config_noproxy: noProxy,
		npm_config_cafile: certificates.caFile,
		npm_config_registry: `https://${REGISTRY_HOST}/`,
		npm_config_userconfig: npmrc,
		npm_config_cache: path.join(workDir, 'npm-cache'),
		npm_config_update_notifier: 'false',
	};
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
