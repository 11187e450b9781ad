// The same cells over plain http and over HTTPS (the stand-in with a self-signed certificate
// that n8n trusts through NODE_EXTRA_CA_CERTS), one after the other: n8n's request helper opens
// a new connection for every request, so over HTTPS every request pays a TLS handshake.
import { startStandInProcess } from '../standInProcess.cjs';
import { selfSignedCertificate } from '../tls.cjs';
import { setUpBenchN8n } from './instance.cjs';
import { LATENCIES_MS, REGIMES, scenarioFor } from './quotaMatrix.cjs';
import { measureRows, type RealRow } from './section.cjs';
import { HTTP_TUNED, OURS } from './variants.cjs';

const HTTPS_LATENCIES_MS = LATENCIES_MS.filter((latencyMs) => latencyMs <= 1500);
/** The requests bucket and the cap in flight: the regimes where the request path's own cost shows. */
const HTTPS_REGIMES = [REGIMES[0], REGIMES[2]];
const ITEMS = 200;

export async function overHttps(): Promise<RealRow[]> {
	const certificate = selfSignedCertificate();
	// Read by the n8n processes the benchmark starts from here on.
	process.env.NODE_EXTRA_CA_CERTS = certificate.certFile;
	const rows: RealRow[] = [];
	for (const tls of [undefined, certificate]) {
		const protocol = tls ? 'HTTPS' : 'http';
		const standIn = await startStandInProcess(tls);
		try {
			const cells = HTTPS_LATENCIES_MS.flatMap((latencyMs) => HTTPS_REGIMES.map((regime) => ({ latencyMs, regime })));
			const variants = [OURS, ...new Set(cells.map(({ regime, latencyMs }) => regime.tuned(latencyMs)))];
			const n8n = await setUpBenchN8n(standIn, [...variants, HTTP_TUNED], [ITEMS, 1000]);
			try {
				for (const { latencyMs, regime } of cells) {
					const scenario = scenarioFor(regime, latencyMs);
					rows.push(
						...(await measureRows(n8n, standIn, { ...scenario, name: `${protocol}: ${scenario.name}` }, [OURS, regime.tuned(latencyMs)], ITEMS, 1)),
					);
				}
				const classic = { name: `${protocol}: API admits 8 in flight, latency 100 ms`, config: { latencyMs: 100, maxConcurrent: 8 }, idealS: (items: number) => (Math.ceil(items / 8) * 100) / 1000 };
				rows.push(...(await measureRows(n8n, standIn, classic, [OURS, HTTP_TUNED], 1000, 1)));
			} finally {
				n8n.tearDown();
			}
		} finally {
			await standIn.stop();
		}
	}
	return rows;
}
