// Small valid files of each kind the stand-in hands out as generated media: a client that checks
// the bytes (or turns them into n8n binary data) sees a real PNG, JPEG or WebP. The PNG is a
// 256×256 picture (a sun over the sea), so that an editor showing it shows something; the JPEG
// and WebP are the smallest valid ones (1×1), each whole: the JPEG ends with its end-of-image marker.
const zlib = require('node:zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A PNG of a sun over the sea, `size` pixels square (RGB, 8 bits per channel). */
function pictureToPng(size = 256) {
	const rows = [];
	for (let y = 0; y < size; y++) {
		const row = Buffer.alloc(1 + size * 3);
		for (let x = 0; x < size; x++) {
			const sea = y > size * 0.62;
			const sun = (x - size * 0.5) ** 2 + (y - size * 0.45) ** 2 < (size * 0.16) ** 2;
			const shade = Math.round((y / size) * 80);
			const [r, g, b] = sun ? [255, 214, 102] : sea ? [0, 80 + shade, 160 + shade / 2] : [0, 105 + shade, 255];
			row.set([r, g, b], 1 + x * 3);
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIZE = 256;

const IMAGES = {
	png: { mimeType: 'image/png', base64: pictureToPng(PNG_SIZE).toString('base64'), width: PNG_SIZE, height: PNG_SIZE },
	jpeg: {
		mimeType: 'image/jpeg',
		width: 1,
		height: 1,
		base64:
			'/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxD/2Q==',
	},
	webp: { mimeType: 'image/webp', base64: 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', width: 1, height: 1 },
};

/** A one-second silent WAV file (8 kHz, 8-bit mono), for audio and speech jobs. */
function silentWav() {
	const samples = 8000;
	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + samples, 4);
	header.write('WAVEfmt ', 8);
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(8000, 24);
	header.writeUInt32LE(8000, 28);
	header.writeUInt16LE(1, 32);
	header.writeUInt16LE(8, 34);
	header.write('data', 36);
	header.writeUInt32LE(samples, 40);
	return Buffer.concat([header, Buffer.alloc(samples, 128)]);
}

module.exports = { IMAGES, silentWav };
