// Draws the Centralita app icon (a "C" with call waves on a blue tile) as resources/icon.svg
// and a 512 px resources/icon.png, with no image libraries: shapes are tested per sample
// (4×4 supersampling for smooth edges) and the PNG is encoded with zlib. Run: node scripts/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { projectRoot } from './electron-binary.mjs';

const SIZE = 512;
const TILE = { margin: 24, radius: 112, top: [59, 130, 246], bottom: [30, 64, 175] };
const CENTER = { x: 210, y: 256 };
// [radius, stroke width, half-opening in degrees]: the C opens to the right, waves face it.
const ARCS = [
  { radius: 122, width: 44, open: 42, sweep: false },
  { radius: 192, width: 26, open: 30, sweep: true },
  { radius: 246, width: 26, open: 24, sweep: true },
];

const degrees = (rad) => (rad * 180) / Math.PI;
const rad = (deg) => (deg * Math.PI) / 180;

function insideTile(x, y) {
  const { margin, radius } = TILE;
  const min = margin + radius;
  const max = SIZE - margin - radius;
  const dx = Math.max(min - x, 0, x - max);
  const dy = Math.max(min - y, 0, y - max);
  return x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin && dx * dx + dy * dy <= radius * radius;
}

/** The C is the ring minus its right-facing opening; a wave is only that right-facing part. */
function insideArc(x, y, { radius, width, open, sweep }) {
  const dx = x - CENTER.x;
  const dy = y - CENTER.y;
  const distance = Math.hypot(dx, dy);
  const angle = Math.abs(degrees(Math.atan2(dy, dx)));
  const inAngle = sweep ? angle <= open : angle >= open;
  if (inAngle && Math.abs(distance - radius) <= width / 2) return true;
  // Round caps at both ends.
  for (const sign of [-1, 1]) {
    const cx = CENTER.x + radius * Math.cos(rad(open * sign));
    const cy = CENTER.y + radius * Math.sin(rad(open * sign));
    if (Math.hypot(x - cx, y - cy) <= width / 2) return true;
  }
  return false;
}

function renderPng() {
  const samples = 4;
  const rows = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    const t = y / (SIZE - 1);
    const tile = TILE.top.map((top, i) => top + (TILE.bottom[i] - top) * t);
    for (let x = 0; x < SIZE; x += 1) {
      let tileCover = 0;
      let glyphCover = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          if (!insideTile(px, py)) continue;
          tileCover += 1;
          if (ARCS.some((arc) => insideArc(px, py, arc))) glyphCover += 1;
        }
      }
      const total = samples * samples;
      const alpha = tileCover / total;
      const white = tileCover === 0 ? 0 : glyphCover / tileCover;
      const offset = 1 + x * 4;
      for (let i = 0; i < 3; i += 1) row[offset + i] = Math.round(tile[i] * (1 - white) + 255 * white);
      row[offset + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  return encodePng(SIZE, SIZE, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(width, height, scanlines) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function arcPath({ radius, open, sweep }) {
  const point = (deg) => `${(CENTER.x + radius * Math.cos(rad(deg))).toFixed(2)} ${(CENTER.y + radius * Math.sin(rad(deg))).toFixed(2)}`;
  // The C runs the long way round (through the left); waves the short way (through the right).
  return sweep
    ? `M ${point(-open)} A ${radius} ${radius} 0 0 1 ${point(open)}`
    : `M ${point(open)} A ${radius} ${radius} 0 1 1 ${point(-open)}`;
}

function renderSvg() {
  const { margin, radius, top, bottom } = TILE;
  const rgb = (color) => `rgb(${color.join(' ')})`;
  const arcs = ARCS.map((arc) => `    <path d="${arcPath(arc)}" stroke-width="${arc.width}"/>`).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Centralita</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${rgb(top)}"/>
      <stop offset="1" stop-color="${rgb(bottom)}"/>
    </linearGradient>
  </defs>
  <rect x="${margin}" y="${margin}" width="${SIZE - 2 * margin}" height="${SIZE - 2 * margin}" rx="${radius}" fill="url(#tile)"/>
  <g fill="none" stroke="#ffffff" stroke-linecap="round">
${arcs}
  </g>
</svg>
`;
}

writeFileSync(join(projectRoot, 'resources', 'icon.png'), renderPng());
writeFileSync(join(projectRoot, 'resources', 'icon.svg'), renderSvg());
process.stdout.write('wrote resources/icon.png and resources/icon.svg\n');
