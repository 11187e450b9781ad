// Images and fal jobs in a real n8n, against the stand-in: the example workflows run headless
// (`n8n execute`), their binary data read back from where n8n keeps it. (Stopping a waiting job
// in a running n8n: jobStop.e2e.test.cts.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { expectExitCode, setUpRealN8n, tailOf } from './realN8n.cjs';

const { IMAGES, silentWav } = require('../../dev/stand-in/media');

let n8n: Awaited<ReturnType<typeof setUpRealN8n>>;

beforeAll(async () => {
	n8n = await setUpRealN8n();
});
afterAll(async () => n8n?.tearDown());

interface BinaryFile {
	mimeType: string;
	fileName: string;
	fileExtension?: string;
	bytes?: number;
	data: string;
	id?: string;
}
type Item = { json: Record<string, unknown>; binary?: Record<string, BinaryFile>; pairedItem?: unknown };

function itemsOf(result: Awaited<ReturnType<typeof n8n.execute>>, nodeName: string): Item[] {
	const runs = result.output?.data.resultData.runData[nodeName] as Array<{ data?: { main?: Item[][] } }> | undefined;
	if (!runs) throw new Error(`No run data for "${nodeName}":\n${tailOf(result)}`);
	return runs[0].data?.main?.[0] ?? [];
}

/** The files under a folder, recursively. */
const filesUnder = (folder: string): string[] =>
	readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
	);

/** A binary file's bytes, wherever this n8n keeps them: in the item (base64) or in its binary data store on disk. */
function bytesOf(file: BinaryFile): Buffer {
	if (!file.id) return Buffer.from(file.data, 'base64');
	const [, fileId] = file.id.split(':');
	const stored = filesUnder(path.join(n8n.userFolder, '.n8n')).filter((each) => each.endsWith(fileId.split('/').pop()!));
	if (stored.length !== 1) throw new Error(`n8n's binary data ${file.id} is not in ${n8n.userFolder}/.n8n (found ${stored.length})`);
	return readFileSync(stored[0]);
}

const requestsTo = (route: string) => n8n.standIn.stats().byRoute[route] ?? 0;

describe('images and fal jobs in real n8n (headless)', () => {
	it('Generate an image per product idea: PNG binary data, paired, with the bytes the API sent', async () => {
		const before = requestsTo('POST /v1/images/generations');
		const result = await n8n.execute('dogImageGenerate');
		expectExitCode(result, 0);
		const items = itemsOf(result, 'Generate Image');

		expect(requestsTo('POST /v1/images/generations') - before).toBe(2);
		expect(items.map(({ json, pairedItem }) => ({ prompt: json.revised_prompt, output_format: json.output_format, pairedItem }))).toEqual([
			{ prompt: expect.stringContaining('brass desk lamp'), output_format: 'png', pairedItem: { item: 0 } },
			{ prompt: expect.stringContaining('ceramic coffee mug'), output_format: 'png', pairedItem: { item: 1 } },
		]);
		const png = Buffer.from(IMAGES.png.base64, 'base64');
		for (const { binary } of items) {
			expect(binary!.data).toMatchObject({ mimeType: 'image/png', fileName: 'image.png', fileExtension: 'png' });
			expect(bytesOf(binary!.data)).toEqual(png);
		}
		expect(JSON.stringify(result.output)).not.toContain(n8n.standIn.key);
	});

	it('Read a message out loud: a fal text-to-speech job, polled, its audio downloaded as WAV binary data without the key', async () => {
		const before = n8n.standIn.stats();
		const result = await n8n.execute('dogTextToSpeech1');
		expectExitCode(result, 0);
		const after = n8n.standIn.stats();
		const [item, ...others] = itemsOf(result, 'Speak');

		expect(others).toEqual([]);
		expect(item.json).toMatchObject({ status: 'COMPLETED', model_id: 'fal-ai/elevenlabs/tts/multilingual-v2', file: { content_type: 'audio/wav' } });
		expect(item.binary!.data).toMatchObject({ mimeType: 'audio/wav', fileName: 'speech.wav', fileExtension: 'wav' });
		expect(bytesOf(item.binary!.data)).toEqual(silentWav());
		// Queued, polled until done (the stand-in takes 2 polls), fetched, downloaded once.
		const delta = (route: string) => (after.byRoute[route] ?? 0) - (before.byRoute[route] ?? 0);
		expect([delta('POST /v1/async-invoke'), delta('GET /v1/async-invoke/{request_id}/status'), delta('GET /v1/async-invoke/{request_id}')]).toEqual([1, 2, 1]);
		expect(delta('GET /_media/{request_id}/{file}')).toBe(1);
		expect(after.presignedWithAuth).toBe(before.presignedWithAuth);
		expect(JSON.stringify(result.output)).not.toContain(n8n.standIn.key);
	});

	it('Start a job, come back for it after a Wait node: Get Result gives both images as binary data', async () => {
		const result = await n8n.execute('dogJobComeBack01');
		expectExitCode(result, 0);
		const [started] = itemsOf(result, 'Start Job');
		expect(started.json.status).toBe('QUEUED');
		if (n8n.n8nVersion.startsWith('2.16.')) {
			// n8n 2.16's `n8n execute` parks the execution at any Wait node (a server would resume it);
			// 1.123 and 2.41 wait in the process, as for a short wait in a running n8n.
			expect((result.output as unknown as { status: string }).status).toBe('waiting');
			return;
		}
		const images = itemsOf(result, 'Get Result');

		expect(started.binary).toBeUndefined();
		expect(images.map(({ json }) => json.request_id)).toEqual([started.json.request_id, started.json.request_id]);
		expect(images.map(({ binary }) => binary!.data.mimeType)).toEqual(['image/png', 'image/png']);
		expect(images.map(({ binary }) => binary!.data.fileName)).toEqual(['0.png', '1.png']);
		expect(bytesOf(images[1].binary!.data)).toEqual(Buffer.from(IMAGES.png.base64, 'base64'));
	});

	it('a job that fails: the run fails with DigitalOcean\'s message for it', async () => {
		const workflow = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'examples', 'text-to-speech.json'), 'utf8'));
		const failing = { ...workflow, id: 'dogTtsFailing001', name: 'TTS that fails' };
		failing.nodes.find(({ name }: { name: string }) => name === 'Message').parameters.jsCode = "return [{ json: { text: 'please FAIL' } }];";
		await n8n.importWorkflowObject(failing);
		const result = await n8n.execute('dogTtsFailing001');

		expectExitCode(result, 1);
		expect(result.stdout + result.stderr).toContain('failed: The model could not process the input: please FAIL');
	});
});
