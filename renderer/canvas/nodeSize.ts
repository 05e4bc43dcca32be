/**
 * Node sizes, shared by the layout (which reserves the space) and the node components
 * (which render at exactly that size). Widths grow with the text so names are not cut off.
 *
 * NOTE(model): text width is estimated from the character count (the layout runs outside
 * the DOM, in a pure selector); the components still ellipsize anything that overflows.
 */
import type { Service, TrafficSource } from '../../engine/index'

export interface NodeSize {
  readonly width: number
  readonly height: number
}

const SERVICE_MIN_WIDTH = 200
const SERVICE_MAX_WIDTH = 320
/** Header: name (14px) over protocol and port (11px), plus the borders. */
const SERVICE_HEADER_HEIGHT = 55
const VERSION_ROW_HEIGHT = 30
const VERSION_LIST_PADDING = 10
/** Icon, gaps and padding beside the service name in the header. */
const SERVICE_NAME_CHROME = 52

const SOURCE_MIN_WIDTH = 150
const SOURCE_MAX_WIDTH = 280
const SOURCE_HEIGHT = 64
/** Icon, gaps and padding beside the source's text. */
const SOURCE_TEXT_CHROME = 58

/**
 * Average advance of a lowercase character per pixel of font size, taken from the widest
 * common system UI font (DejaVu Sans, Linux's default); narrower fonts just get some slack.
 */
export const CHAR_WIDTH_PER_PX = { regular: 0.6, bold: 0.68 } as const

/** Estimated rendered width of `text` at `fontPx`. */
export function estimateTextWidth(text: string, fontPx: number, weight: keyof typeof CHAR_WIDTH_PER_PX = 'regular'): number {
  return Math.ceil(text.length * fontPx * CHAR_WIDTH_PER_PX[weight])
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** A service node: wide enough for its name, one 30px row per version. */
export function computeServiceNodeSize(service: Service): NodeSize {
  const width = clamp(SERVICE_NAME_CHROME + estimateTextWidth(service.name, 14, 'bold'), SERVICE_MIN_WIDTH, SERVICE_MAX_WIDTH)
  return { width, height: SERVICE_HEADER_HEIGHT + VERSION_LIST_PADDING + service.versions.length * VERSION_ROW_HEIGHT }
}

/** A traffic-source node: wide enough for its name and its load summary. */
export function computeSourceNodeSize(source: TrafficSource, loadSummary: string): NodeSize {
  const text = Math.max(estimateTextWidth(source.name, 14, 'bold'), estimateTextWidth(loadSummary, 11))
  return { width: clamp(SOURCE_TEXT_CHROME + text, SOURCE_MIN_WIDTH, SOURCE_MAX_WIDTH), height: SOURCE_HEIGHT }
}

/** Horizontal padding and borders around the name of a zoomed-out node (styles.css). */
const BIG_NAME_CHROME = 34
const BIG_NAME_MAX_PX = 28
const BIG_NAME_MIN_PX = 12

/**
 * Font size of the name a zoomed-out node draws instead of its details (canvas/detail.ts):
 * as large as lets it fit the box in three lines (with slack for where the lines break),
 * at most 28px, so short names are read from furthest away.
 */
export function computeBigNameFontPx(name: string, boxWidth: number): number {
  const inner = Math.max(1, boxWidth - BIG_NAME_CHROME)
  const fit = (1.8 * inner) / (Math.max(1, name.length) * CHAR_WIDTH_PER_PX.bold)
  return Math.round(clamp(fit, BIG_NAME_MIN_PX, BIG_NAME_MAX_PX))
}
