// A self-signed certificate for 127.0.0.1, made with Debian's openssl, for the stand-in to speak
// HTTPS and for n8n to trust (NODE_EXTRA_CA_CERTS): DigitalOcean is HTTPS, and n8n opens a new
// connection for every request, so every request pays a handshake that plain http hides.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function selfSignedCertificate(): { keyFile: string; certFile: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'gradient-bench-tls-'));
	const keyFile = path.join(dir, 'key.pem');
	const certFile = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
		{ stdio: 'ignore' },
	);
	return { keyFile, certFile };
}
