/**
 * Draws the Teams app icons and encodes them as PNG with node:zlib: the colour icon
 * (192×192, bars on the accent colour) and the outline icon (32×32, white on transparent).
 * Run `npx tsx manifest/draw-icons.ts` to regenerate manifest/color.png and manifest/outline.png.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** An RGBA image, row-major, 4 bytes per pixel. */
export interface Rgba {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks need it (zlib.crc32 is too new for Node 20 LTS baselines). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes an RGBA image as a PNG file (8-bit RGBA, no interlace). */
export function encodePng(image: Rgba): Buffer {
  const { width, height, pixels } = image;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter and interlace methods stay 0
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1,
    );
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

type Colour = readonly [number, number, number, number];

function canvas(width: number, height: number, fill: Colour): Rgba {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set(fill, i * 4);
  return { width, height, pixels };
}

function rect(img: Rgba, x0: number, y0: number, w: number, h: number, colour: Colour): void {
  for (let y = Math.max(0, y0); y < Math.min(img.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x0 + w); x++)
      img.pixels.set(colour, (y * img.width + x) * 4);
  }
}

const ACCENT: Colour = [0x0f, 0x6c, 0xbd, 0xff];
const WHITE: Colour = [0xff, 0xff, 0xff, 0xff];
const TRANSPARENT: Colour = [0, 0, 0, 0];

/** A bar chart of three rising bars on a base line, scaled to `size`. */
function drawBars(img: Rgba, size: number, colour: Colour): void {
  const unit = size / 32;
  const px = (v: number) => Math.round(v * unit);
  // Bars at 32-px design units: base line y=26, bars 5 wide.
  const bars = [
    { x: 7, top: 17 },
    { x: 14, top: 11 },
    { x: 21, top: 6 },
  ];
  for (const b of bars) rect(img, px(b.x), px(b.top), px(5), px(26 - b.top), colour);
  rect(img, px(5), px(26), px(23), Math.max(1, px(2)), colour);
}

/** The colour icon: white bars on the accent colour, 192×192 opaque. */
export function colorIcon(): Rgba {
  const img = canvas(192, 192, ACCENT);
  drawBars(img, 192, WHITE);
  return img;
}

/** The outline icon: white bars on transparent, 32×32, as Teams requires. */
export function outlineIcon(): Rgba {
  const img = canvas(32, 32, TRANSPARENT);
  drawBars(img, 32, WHITE);
  return img;
}

async function main(): Promise<void> {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  await writeFile(path.join(dir, 'color.png'), encodePng(colorIcon()));
  await writeFile(path.join(dir, 'outline.png'), encodePng(outlineIcon()));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`draw-icons: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
