// Screenshots of the whole Xvfb screen (the real window as a person sees it):
// `xwd -root` piped through a tiny XWD → PNG converter. Used because
// WebKitWebDriver's own screenshot command can stall under Xvfb.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Converts a 24/32-bit TrueColor XWD dump to PNG bytes. */
export function xwdToPng(x) {
  const u = (i) => x.readUInt32BE(i * 4);
  const headerSize = u(0);
  const [width, height] = [u(4), u(5)];
  const byteOrder = u(7);
  const bpp = u(11);
  const bytesPerLine = u(12);
  const ncolors = u(19);
  if (bpp !== 32) throw new Error(`unsupported XWD: ${bpp} bits per pixel`);
  const masks = [u(14), u(15), u(16)];
  const shift = (m) => Math.log2(m & -m);
  const data = headerSize + ncolors * 12;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let px = 0; px < width; px++) {
      const off = data + y * bytesPerLine + px * 4;
      const v = byteOrder === 0 ? x.readUInt32LE(off) : x.readUInt32BE(off);
      const o = y * (width * 3 + 1) + 1 + px * 3;
      for (let c = 0; c < 3; c++) raw[o + c] = (v & masks[c]) >>> shift(masks[c]);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function screenshotScreen(file) {
  const dump = execFileSync('xwd', ['-root', '-silent'], { maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(file, xwdToPng(dump));
}
