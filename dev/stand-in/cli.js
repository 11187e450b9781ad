#!/usr/bin/env node
// Runs the stand-in API from the command line, e.g.
//   node dev/stand-in/cli.js --port 8787 --latency 100 --max-concurrent 8 [--tls-key key.pem --tls-cert cert.pem]
const { readFileSync } = require('node:fs');
const { parseArgs } = require('node:util');

const { startStandIn } = require('./server');

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8787' },
		key: { type: 'string' },
		latency: { type: 'string', default: '0' },
		'max-concurrent': { type: 'string' },
		rate: { type: 'string' },
		// PEM files: speak HTTPS (the benchmark makes a self-signed certificate that n8n trusts).
		'tls-key': { type: 'string' },
		'tls-cert': { type: 'string' },
	},
});

const number = (text) => (text === undefined ? Infinity : Number(text));

startStandIn({
	port: Number(values.port),
	...(values.key ? { key: values.key } : {}),
	latencyMs: Number(values.latency),
	maxConcurrent: number(values['max-concurrent']),
	ratePerSecond: number(values.rate),
	...(values['tls-key'] && values['tls-cert'] ? { tls: { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) } } : {}),
}).then((standIn) => {
	console.log(`Stand-in DigitalOcean inference API on ${standIn.url} (key: ${standIn.key})`);
	console.log(`Stats: ${standIn.url}/_stand-in/stats`);
	const stop = () => standIn.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
});
