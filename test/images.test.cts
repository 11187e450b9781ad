// Image → Generate through n8n's engine: what is sent, and each image as n8n binary data.
import { intercept } from './harness/api.cjs';
import { imageParameters } from './harness/parameters.cjs';
import { runNode } from './harness/runNode.cjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//2Q==', 'base64');

/** An images answer as DigitalOcean documents it: base64 only. */
function imagesAnswer(images: Buffer[], extra: Record<string, unknown> = {}) {
	return {
		created: 1747247763,
		data: images.map((bytes, index) => ({ b64_json: bytes.toString('base64'), revised_prompt: `revised ${index + 1}` })),
		background: 'opaque',
		output_format: 'png',
		quality: 'medium',
		size: '1024x1024',
		usage: { total_tokens: 110, input_tokens: 10, output_tokens: 100, input_tokens_details: { text_tokens: 10, image_tokens: 0 } },
		...extra,
	};
}

const bytesOf = (data: string) => Buffer.from(data, 'base64');

describe('Image → Generate', () => {
	it('sends the model, the prompt and n, nothing unset; each image is binary data on its own item', async () => {
		const requests = intercept('post', '/v1/images/generations', { body: imagesAnswer([PNG, PNG]) });
		const { items, error } = await runNode({ parameters: imageParameters({ n: 2 }) });

		expect(error).toBeUndefined();
		expect(requests.map(({ body }) => body)).toEqual([{ model: 'openai-gpt-image-1', prompt: 'A lighthouse at dawn', n: 2 }]);
		expect(items).toHaveLength(2);
		expect(items.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{
				json: {
					revised_prompt: 'revised 1',
					created: 1747247763,
					size: '1024x1024',
					quality: 'medium',
					background: 'opaque',
					output_format: 'png',
					usage: { total_tokens: 110, input_tokens: 10, output_tokens: 100, input_tokens_details: { text_tokens: 10, image_tokens: 0 }, images: 2 },
				},
				pairedItem: { item: 0 },
			},
			{
				json: { revised_prompt: 'revised 2', created: 1747247763, size: '1024x1024', quality: 'medium', background: 'opaque', output_format: 'png' },
				pairedItem: { item: 0 },
			},
		]);
		const files = items.map(({ binary }) => binary!.data);
		expect(files.map(({ mimeType, fileName, fileExtension, bytes }) => ({ mimeType, fileName, fileExtension, bytes }))).toEqual([
			{ mimeType: 'image/png', fileName: 'image-1.png', fileExtension: 'png', bytes: PNG.length },
			{ mimeType: 'image/png', fileName: 'image-2.png', fileExtension: 'png', bytes: PNG.length },
		]);
		expect(bytesOf(files[0].data)).toEqual(PNG);
		// The base64 is in the binary data only, not repeated in the JSON.
		expect(JSON.stringify(items.map(({ json }) => json))).not.toContain(PNG.toString('base64'));
	});

	it('sends every option the user set, under the API names, and names the file by the format', async () => {
		const requests = intercept('post', '/v1/images/generations', { body: imagesAnswer([JPEG], { output_format: 'jpeg' }) });
		const { items, error } = await runNode({
			parameters: imageParameters({
				options: {
					size: '1536x1024',
					quality: 'high',
					background: 'opaque',
					outputFormat: 'jpeg',
					outputCompression: 80,
					moderation: 'low',
					user: 'user-7',
					binaryPropertyOutput: 'picture',
				},
			}),
		});

		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			model: 'openai-gpt-image-1',
			prompt: 'A lighthouse at dawn',
			n: 1,
			size: '1536x1024',
			quality: 'high',
			background: 'opaque',
			output_format: 'jpeg',
			output_compression: 80,
			moderation: 'low',
			user: 'user-7',
		});
		expect(Object.keys(items[0].binary!)).toEqual(['picture']);
		const { mimeType, fileName, fileExtension } = items[0].binary!.picture;
		expect({ mimeType, fileName, fileExtension }).toEqual({ mimeType: 'image/jpeg', fileName: 'image.jpg', fileExtension: 'jpg' });
	});

	it('one request per item, each item its own prompt; images paired with their item', async () => {
		const requests = intercept('post', '/v1/images/generations', { body: imagesAnswer([PNG]) }, 3);
		const { items } = await runNode({
			parameters: imageParameters({ prompt: '={{ $json.idea }}' }),
			input: [{ json: { idea: 'a cat' } }, { json: { idea: 'a dog' } }, { json: { idea: 42 } }],
		});

		expect(requests.map(({ body }) => (body as { prompt: string }).prompt).sort()).toEqual(['42', 'a cat', 'a dog']);
		expect(items.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses an empty prompt, a bad Number of Images and an empty output field for their item, and sends nothing for them', async () => {
		const requests = intercept('post', '/v1/images/generations', { body: imagesAnswer([PNG]) });
		const { items } = await runNode({
			parameters: imageParameters({ prompt: '={{ $json.idea }}', n: '={{ $json.n }}', options: { binaryPropertyOutput: '={{ $json.field }}' } }),
			input: [
				{ json: { idea: '  ', n: 1, field: 'data' } },
				{ json: { idea: 'a cat', n: 11, field: 'data' } },
				{ json: { idea: 'a cat', n: 1, field: ' ' } },
				{ json: { idea: 'a dog', n: '1', field: 'data' } },
			],
			onError: 'continueRegularOutput',
		});

		expect(items.map(({ json }) => json.error ?? 'image')).toEqual([
			'Prompt: is empty [item 0]',
			'Number of Images: 11 is out of range; use a whole number from 1 to 10 [item 1]',
			'Put Output in Field: is empty; enter a field name such as data [item 2]',
			expect.stringContaining('Number of Images: "1" is not a number'),
		]);
		expect(requests).toHaveLength(0);
	});

	it('an answer without images is a clear error for its item, and the others are kept', async () => {
		intercept('post', '/v1/images/generations', (body) => ({
			body: (body as { prompt: string }).prompt === 'empty' ? { created: 1, data: [] } : imagesAnswer([PNG]),
		}), 2);
		const { items } = await runNode({
			parameters: imageParameters({ prompt: '={{ $json.idea }}' }),
			input: [{ json: { idea: 'empty' } }, { json: { idea: 'a cat' } }],
			onError: 'continueRegularOutput',
		});

		expect(items.map(({ json, pairedItem }) => ({ error: json.error, pairedItem }))).toEqual([
			{ error: 'The API answered without images', pairedItem: { item: 0 } },
			{ error: undefined, pairedItem: { item: 1 } },
		]);
		expect(items[1].binary!.data.mimeType).toBe('image/png');
	});

	it('an image whose data is cut off or is not an image is an error for its item, and the others are kept', async () => {
		const truncated = PNG.toString('base64').slice(0, 40);
		const page = Buffer.from('<html><body>Bad gateway</body></html>');
		intercept('post', '/v1/images/generations', (body) => {
			const { prompt } = body as { prompt: string };
			if (prompt === 'cut') return { body: { ...imagesAnswer([PNG, PNG]), data: [{ b64_json: PNG.toString('base64') }, { b64_json: truncated }] } };
			return { body: imagesAnswer([prompt === 'page' ? page : JPEG]) };
		}, 3);
		const { items } = await runNode({
			parameters: imageParameters({ prompt: '={{ $json.idea }}', n: '={{ $json.n }}' }),
			input: [{ json: { idea: 'cut', n: 2 } }, { json: { idea: 'page', n: 1 } }, { json: { idea: 'a cat', n: 1 } }],
			onError: 'continueRegularOutput',
		});

		expect(items.map(({ json, pairedItem }) => ({ error: json.error, pairedItem }))).toEqual([
			{ error: "Image 2 of 2 in the API's answer is a PNG image cut short (30 bytes)", pairedItem: { item: 0 } },
			{ error: "The image in the API's answer is not a PNG, JPEG or WebP image (37 bytes, starting 3c68746d6c3e3c62)", pairedItem: { item: 1 } },
			{ error: undefined, pairedItem: { item: 2 } },
		]);
		expect(items[0].error?.description).toBe('Its data (b64_json) was cut off or garbled on its way: try again.');
		// The bytes name their type, whatever output_format says (png here).
		expect(items[2].binary!.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'image.jpg' });
	});

	it('an image given as a data URL is read as its base64', async () => {
		intercept('post', '/v1/images/generations', { body: { ...imagesAnswer([PNG]), data: [{ b64_json: `data:image/png;base64,${PNG.toString('base64')}` }] } });
		const { items, error } = await runNode({ parameters: imageParameters() });
		expect(error).toBeUndefined();
		expect(bytesOf(items[0].binary!.data.data)).toEqual(PNG);
	});

	it('a model that does not draw: the API refusal, worded with the model', async () => {
		intercept('post', '/v1/images/generations', { status: 400, body: { id: 'bad_request', message: 'The model "llama3.3-70b-instruct" does not generate images.' } });
		const { error } = await runNode({
			parameters: imageParameters({ model: { __rl: true, mode: 'id', value: 'llama3.3-70b-instruct' } }),
		});

		expect(error?.message).toBe('The API rejected the request for model "llama3.3-70b-instruct" as invalid');
		expect(error?.description).toContain('DigitalOcean said: The model "llama3.3-70b-instruct" does not generate images.');
	});
});
