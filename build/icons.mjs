// Draws the app icon (the shapes of build/icon.svg) and writes the files electron-builder
// packages: icon.png (1024 px, Linux and the source for the others), icon.ico (Windows:
// PNG entries, 16–256 px) and icon.icns (macOS: PNG entries, 16–1024 px). Plain Node, no
// image tools: shapes are rasterised with signed distances, which anti-alias their edges.
//   node build/icons.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16))
const NODES = [[512, 312, '#22d3ee'], [300, 700, '#a78bfa'], [724, 700, '#34d399']]
const EDGES = [[0, 1], [0, 2], [1, 2]]

// Signed distances in the 1024-unit design space: negative inside.
const roundRect = (x, y) => {
  const qx = Math.abs(x - 512) - (448 - 200)
  const qy = Math.abs(y - 512) - (448 - 200)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - 200
}
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r
const segment = (ax, ay, bx, by, halfWidth) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - halfWidth
}

/** Layers bottom to top: [distance function, colour]. */
const LAYERS = [
  [roundRect, hex('#0f172a')],
  ...EDGES.map(([a, b]) => [segment(NODES[a][0], NODES[a][1], NODES[b][0], NODES[b][1], 20), hex('#38bdf8')]),
  ...NODES.map(([x, y, c]) => [circle(x, y, 112), hex(c)]),
  ...NODES.map(([x, y]) => [circle(x, y, 36), hex('#f8fafc')]),
]

function render(size) {
  const scale = 1024 / size
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * scale
      const y = (py + 0.5) * scale
      let [r, g, b, a] = [0, 0, 0, 0]
      for (const [sdf, [cr, cg, cb]] of LAYERS) {
        // Coverage: one output pixel of soft edge.
        const cov = Math.max(0, Math.min(1, 0.5 - sdf(x, y) / scale))
        if (cov === 0) continue
        const out = cov + a * (1 - cov)
        r = (cr * cov + r * a * (1 - cov)) / out
        g = (cg * cov + g * a * (1 - cov)) / out
        b = (cb * cov + b * a * (1 - cov)) / out
        a = out
      }
      rgba.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (py * size + px) * 4)
    }
  }
  return rgba
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

function png(size) {
  const rgba = render(size)
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

function ico(sizes) {
  const images = sizes.map(png)
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach((img, i) => {
    const e = 6 + 16 * i
    header.writeUInt8(sizes[i] % 256, e) // 0 means 256
    header.writeUInt8(sizes[i] % 256, e + 1)
    header.writeUInt16LE(1, e + 4)
    header.writeUInt16LE(32, e + 6)
    header.writeUInt32LE(img.length, e + 8)
    header.writeUInt32LE(offset, e + 12)
    offset += img.length
  })
  return Buffer.concat([header, ...images])
}

function icns(entries) {
  const parts = entries.map(([type, size]) => {
    const data = png(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

const here = new URL('./', import.meta.url)
writeFileSync(new URL('icon.png', here), png(1024))
writeFileSync(new URL('icon.ico', here), ico([16, 24, 32, 48, 64, 128, 256]))
writeFileSync(new URL('icon.icns', here), icns([['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]]))
console.log('build/icon.png, icon.ico, icon.icns written')
