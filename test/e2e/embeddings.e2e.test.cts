// This package's Embeddings beside n8n's own Embeddings OpenAI pointed at the same API (the
// stand-in, which answers as DigitalOcean documents: float by default, base64 when asked), in a
// real n8n: what each sends, and whether retrieval comes out the same.
import path from 'node:path';

import { expectExitCode, outputOf, setUpRealN8n } from './realN8n.cjs';

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => n8n?.tearDown());

/** What a vector store found for the question, per node: [text, score], best first. */
const found = (result: Awaited<ReturnType<typeof n8n.execute>>, node: string) =>
	outputOf(result, node).map((item) => [(item.document as { pageContent: string }).pageContent, item.score as number] as const);

/** The lengths of the vectors an embeddings sub-node handed over, from its run data (the editor's view of it). */
function vectorLengths(result: Awaited<ReturnType<typeof n8n.execute>>, node: string): number[] {
	const runs = result.output!.data.resultData.runData[node] ?? [];
	return runs.flatMap((run) => {
		const response = run.data?.ai_embedding?.[0]?.[0]?.json.response as number[][] | number[] | undefined;
		if (!Array.isArray(response)) return [];
		return Array.isArray(response[0]) ? (response as number[][]).map((vector) => vector.length) : [response.length];
	});
}

beforeAll(async () => {
	await n8n.importWorkflow(path.join(__dirname, 'workflows', 'embeddings-beside-openai.json'));
	await n8n.importCredentials([
		{ id: 'doopenaicompat01', name: 'DigitalOcean as OpenAI', type: 'openAiApi', data: { apiKey: n8n.standIn.key, url: `${n8n.standIn.url}/v1` } },
	]);
});

it("beside n8n's Embeddings OpenAI pointed at the same API: it asks for base64, and both find the same documents with the same scores", async () => {
	const before = n8n.standIn.stats();
	const result = await n8n.execute('dogEmbedCompare1');
	expectExitCode(result, 0);
	const formats = n8n.standIn.stats().embeddingFormats;
	const sent = (format: string) => (formats[format] ?? 0) - (before.embeddingFormats[format] ?? 0);
	// Ours leaves encoding_format to the API's documented default (float); the OpenAI SDK asks for base64.
	expect(sent('(not sent)')).toBe(2);
	expect(sent('base64')).toBe(2);
	const ours = found(result, 'Search (Gradient)');
	const theirs = found(result, 'Search (OpenAI)');
	expect(ours[0][0]).toBe('The shark lives in the ocean and hunts fish.');
	expect(theirs.map(([text]) => text)).toEqual(ours.map(([text]) => text));
	theirs.forEach(([, score], index) => expect(score).toBeCloseTo(ours[index][1], 6));
	expect(vectorLengths(result, 'DigitalOcean Gradient Embeddings')).toEqual([64, 64, 64, 64]);
});

it('against a server that answers numbers when base64 was asked (n8n issue 16647), its vectors come out a quarter as long; ours do not', async () => {
	n8n.standIn.configure({ embeddingsAlwaysFloat: true });
	const result = await n8n.execute('dogEmbedCompare1').finally(() => n8n.standIn.configure({ embeddingsAlwaysFloat: false }));
	expectExitCode(result, 0);
	expect(vectorLengths(result, 'DigitalOcean Gradient Embeddings')).toEqual([64, 64, 64, 64]);
	expect(found(result, 'Search (Gradient)')[0][0]).toBe('The shark lives in the ocean and hunts fish.');
	// The OpenAI SDK decodes the JSON list of numbers as if it were base64 text: 64 numbers become 16.
	expect(vectorLengths(result, 'Embeddings OpenAI')).toEqual([16, 16, 16, 16]);
});
