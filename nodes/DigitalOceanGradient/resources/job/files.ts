import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { jobJson } from './jobs';
import { isPlainObject, withoutKeys } from '../../../shared/input';
import { binaryPropertyOf, fileNameOf, isGenericType, isMediaType, typeOfBytes, typeOfFileName } from '../../../shared/media/binaryFiles';
import { type Download, type FollowUps, urlForMessage } from '../../../shared/transport/followUps';

/** A file a job's output points at: where in the output, and what the output says of it. */
interface OutputFile {
	/** Its top-level output field (images, audio, audio_file, video …). */
	field: string;
	described: IDataObject & { url: string };
}

const isFileUrl = (value: unknown): value is string => typeof value === 'string' && /^(https?:\/\/|data:)/i.test(value);

/**
 * The files in a fal job's output, in its order: every object with a `url` (fal models differ:
 * `images[]` for image models, `audio` or `audio_file` for sound, `video` …), and every URL
 * under a key that ends in `_url` (`audio_url`, `video_url`), at any depth.
 */
export function filesIn(output: IDataObject): OutputFile[] {
	const found: OutputFile[] = [];
	const visit = (field: string, key: string, value: unknown) => {
		if (/_url$/i.test(key) && isFileUrl(value)) return void found.push({ field, described: { url: value } });
		if (Array.isArray(value)) return value.forEach((each) => visit(field, key, each));
		if (!isPlainObject(value)) return;
		if (isFileUrl(value.url)) return void found.push({ field, described: value as OutputFile['described'] });
		Object.entries(value).forEach(([inner, each]) => visit(field, inner, each));
	};
	for (const [field, value] of Object.entries(output)) visit(field, field, value);
	return found;
}

/** A file given in the output itself as a data URL (fal's `sync_mode`): its bytes and type, no download. */
function fromDataUrl(url: string): Download | undefined {
	const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec(url);
	if (!match) return undefined;
	const [, type, , base64, payload] = match;
	const bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
	return { bytes, contentType: type ? type.toLowerCase() : undefined };
}

/**
 * One item per file of a finished job, downloaded as n8n binary data (the URLs expire), in the
 * output's order: `json` has the job, the file as the output described it (`file`), and the
 * rest of the output (`output`, e.g. the seed). A job whose output has no file (a model that
 * answers in text) gives one item, the job with its output.
 */
export async function fileItems(
	context: IExecuteSingleFunctions,
	job: IDataObject,
	followUps: FollowUps,
): Promise<INodeExecutionData[]> {
	const output = isPlainObject(job.output) ? (job.output as IDataObject) : {};
	const files = filesIn(output);
	if (files.length === 0) return [{ json: jobJson(job) }];
	const fileFields = new Set(files.map(({ field }) => field));
	const rest = Object.fromEntries(Object.entries(output).filter(([field]) => !fileFields.has(field)));
	const property = binaryPropertyOf(context);

	const items: INodeExecutionData[] = [];
	// One at a time: a job's files can be large, and each is kept once downloaded.
	for (const [position, { described }] of files.entries()) {
		const inline = fromDataUrl(described.url);
		const { bytes, contentType } = inline ?? (await followUps.download(described.url));
		const declared = typeof described.content_type === 'string' ? described.content_type : undefined;
		if (contentType && !isMediaType(contentType)) throw notAFile(context, inline ? 'a data URL' : urlForMessage(described.url), contentType);
		// A generic type says nothing: the type the output names, else the URL's extension, else the file's first bytes.
		const nameFrom = inline ? '' : described.url;
		const mimeType =
			(contentType && !isGenericType(contentType) ? contentType : declared) ??
			typeOfFileName(fileNameOf(nameFrom, 'file')) ??
			typeOfBytes(bytes) ??
			contentType ??
			'application/octet-stream';
		const binary = await context.helpers.prepareBinaryData(bytes, fileNameOf(nameFrom, `file-${position + 1}`, mimeType), mimeType);
		// A data URL is the file itself: it is in the binary data, not repeated in the JSON.
		const file = inline ? withoutKeys(described, 'url') : described;
		const fields = withoutKeys(jobJson(job), 'output');
		items.push({ json: { ...fields, file, output: rest }, binary: { [property]: binary } });
	}
	return items;
}

/** A URL that gave a page or an error document instead of the file. */
function notAFile(context: IExecuteSingleFunctions, where: string, contentType: string) {
	return new NodeApiError(context.getNode(), { contentType }, {
		itemIndex: context.getItemIndex(),
		message: `The job's file at ${where} came back as ${contentType}, not an image, audio or video file`,
		description: 'The file may have expired, or the host answered with an error page. Start the job again, or turn Download Files off to get the URLs.',
	});
}
