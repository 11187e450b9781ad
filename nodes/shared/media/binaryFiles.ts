import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../input';

/** File extensions of the media types the API's models produce. */
const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/ogg': 'ogg',
	'audio/flac': 'flac',
	'audio/aac': 'aac',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
};

export const extensionOf = (mimeType: string): string | undefined => EXTENSIONS[mimeType];

/** The MIME type for a file name's extension, when it is one the models produce. */
export function typeOfFileName(name: string): string | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
	if (!extension) return undefined;
	const normal = extension === 'jpeg' ? 'jpg' : extension;
	return Object.keys(EXTENSIONS).find((type) => EXTENSIONS[type] === normal);
}

/**
 * Whether a Content-Type can be a file a model made: anything but a page or an error document
 * (text, HTML, JSON, XML). Storage hosts send binary/octet-stream or application/ogg too.
 */
export const isMediaType = (type: string) =>
	!/^text\//.test(type) && !/^application\/(json|xml|xhtml\+xml|problem\+json|problem\+xml)$/.test(type) && !/\+(json|xml)$/.test(type);

/** File signatures of the media the models make: [MIME type, bytes at offset 0, optional bytes at offset 8]. */
const SIGNATURES: Array<[string, string, string?]> = [
	['image/png', '89504e47'],
	['image/jpeg', 'ffd8ff'],
	['image/gif', '47494638'],
	['image/webp', '52494646', '57454250'],
	['audio/wav', '52494646', '57415645'],
	['audio/mpeg', '494433'],
	['audio/mpeg', 'fffb'],
	['audio/ogg', '4f676753'],
	['audio/flac', '664c6143'],
	['video/webm', '1a45dfa3'],
];

/** The MIME type of a file by its first bytes, for the media models make (MP4 by its "ftyp" box); undefined when unknown. */
export function typeOfBytes(bytes: Buffer): string | undefined {
	const at = (offset: number, hex: string) => bytes.subarray(offset, offset + hex.length / 2).toString('hex') === hex;
	if (at(4, '66747970')) return 'video/mp4';
	return SIGNATURES.find(([, start, eighth]) => at(0, start) && (eighth === undefined || at(8, eighth)))?.[0];
}

/** The image types the image API makes (its output_format), as people name them. */
const IMAGE_NAMES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };

/** Whether an image's bytes run to its end: PNG's IEND chunk, JPEG's end-of-image marker (zero padding after it allowed), WebP's RIFF length. */
function reachesItsEnd(type: string, bytes: Buffer): boolean {
	if (type === 'image/png') return bytes.subarray(-8).toString('hex') === '49454e44ae426082';
	if (type === 'image/jpeg') {
		let end = bytes.length;
		while (end > 2 && bytes[end - 1] === 0) end -= 1;
		return bytes.subarray(end - 2, end).toString('hex') === 'ffd9';
	}
	return bytes.length >= 12 && bytes.length >= 8 + bytes.readUInt32LE(4);
}

/**
 * What is wrong with bytes that should be a PNG, JPEG or WebP image (by their first bytes, and
 * whether they run to the image's end); undefined for a whole one.
 */
export function imageProblem(bytes: Buffer): string | undefined {
	const type = typeOfBytes(bytes);
	const name = type && IMAGE_NAMES[type];
	if (!type || !name) {
		const start = bytes.length > 0 ? `, starting ${bytes.subarray(0, 8).toString('hex')}` : '';
		return `is not a PNG, JPEG or WebP image (${bytes.length} bytes${start})`;
	}
	return reachesItsEnd(type, bytes) ? undefined : `is a ${name} image cut short (${bytes.length} bytes)`;
}

/** A Content-Type that names no type: the file could be anything. */
export const isGenericType = (type: string) => /^(application|binary)\/octet-stream$/.test(type);

/** The name of a downloaded file: the URL's last path segment where it names a file, else `<fallback>.<extension>`. */
export function fileNameOf(url: string, fallback: string, mimeType?: string): string {
	let last = '';
	try {
		// The base name once decoded: an encoded slash must not make a path of it.
		last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').split(/[\\/]/).pop() ?? '';
	} catch {
		last = '';
	}
	if (/\.[a-z0-9]{2,5}$/i.test(last)) return last;
	const extension = mimeType ? extensionOf(mimeType) : undefined;
	return extension ? `${fallback}.${extension}` : fallback;
}

/** The Put Output in Field option (n8n's name for it): the binary property the files go in. */
export const binaryPropertyOption: INodeProperties = {
	displayName: 'Put Output in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	hint: 'The name of the output field to put the binary file data in',
};

/** The binary property the user chose (Put Output in Field), checked: not empty, `data` when left out. */
export function binaryPropertyOf(context: IExecuteSingleFunctions): string {
	const value = context.getNodeParameter('options.binaryPropertyOutput', 'data') as unknown;
	const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (name === '') throw invalidInput(context, 'Put Output in Field', 'is empty; enter a field name such as data');
	return name;
}
