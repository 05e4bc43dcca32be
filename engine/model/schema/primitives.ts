/**
 * Leaf schemas shared by every section of the scenario: names, unit-bearing values
 * (codecs between the file's text and the model's numbers) and small helpers.
 *
 * The model mirrors the file: keys are the file's keys, values are decoded (a duration is
 * a number of milliseconds, a rate is requests per second, a percentage is 0–100). Defaults
 * are NOT applied here: the file stays what the user wrote, and `resolveScenario` applies
 * the mesh profile's defaults when the engine or an exporter needs effective values.
 */
import { z } from 'zod'
import {
  DURATION_RE, PERCENT_RE, RATE_RE, SIZE_RE, UNIT_EXAMPLES, formatDurationMs, formatPercent, formatRateRps,
  formatSizeBytes, parseDurationMs, parsePercent, parseRateRps, parseSizeBytes,
} from '../units'

/** A DNS-1123 label, as Kubernetes requires of Service and Deployment names. */
export const dnsLabel = z
  .string({ error: 'expected a name (lowercase letters, digits and -)' })
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: 'must be a DNS label: lowercase letters, digits and -, starting and ending with a letter or digit',
  })
  .max(63, { error: 'must be at most 63 characters (a DNS label)' })

function unitCodec(kind: keyof typeof UNIT_EXAMPLES, pattern: RegExp, parse: (s: string) => number, format: (n: number) => string) {
  const text = z.string({ error: `expected ${UNIT_EXAMPLES[kind]}` }).regex(pattern, { error: `expected ${UNIT_EXAMPLES[kind]}` })
  return z.codec(text, z.number(), { decode: parse, encode: format })
}

/** A duration in the file (`250ms`), milliseconds in the model. */
export const duration = unitCodec('duration', DURATION_RE, parseDurationMs, formatDurationMs)
  .meta({ description: "Duration, e.g. '250ms', '2s', '1.5m'", examples: ['250ms', '2s'] })
/** A request rate in the file (`100rps`), requests per second in the model. */
export const rate = unitCodec('rate', RATE_RE, parseRateRps, formatRateRps)
  .meta({ description: "Request rate, e.g. '100rps' or '30rpm'", examples: ['100rps'] })
/** A percentage in the file (`10%`), 0–100 in the model. */
export const percent = unitCodec('percent', PERCENT_RE, parsePercent, formatPercent)
  .pipe(z.number().max(100, { error: 'a percentage cannot exceed 100%' }))
  .meta({ description: "Percentage, e.g. '10%' or '0.5%'", examples: ['10%'] })
/** A size in the file (`4KiB`), bytes in the model. */
export const size = unitCodec('size', SIZE_RE, parseSizeBytes, formatSizeBytes)
  .meta({ description: "Size, e.g. '512B' or '4KiB'", examples: ['1KiB'] })

/** A non-negative whole number (replica counts, queue lengths, limits). */
export const count = z.int({ error: 'expected a whole number' }).min(0, { error: 'must not be negative' })
/** A positive whole number. */
export const positiveCount = z.int({ error: 'expected a whole number' }).min(1, { error: 'must be at least 1' })
/** A TCP port. */
export const port = z.int({ error: 'expected a port number' }).min(1).max(65535, { error: 'a port is at most 65535' })
/** An HTTP status code. */
export const httpStatus = z.int({ error: 'expected an HTTP status code' }).min(200).max(599, { error: 'an HTTP status is 200–599' })
/** A split or mix weight: a non-negative whole number. */
export const weight = z.int({ error: 'expected a whole-number weight' }).min(0, { error: 'a weight must not be negative' })

/** Exact, prefix or regex string match (exactly one), as Istio's StringMatch. */
export const stringMatch = z
  .strictObject({
    exact: z.string().optional(),
    prefix: z.string().optional(),
    regex: z.string().optional(),
  })
  .refine((m) => [m.exact, m.prefix, m.regex].filter((v) => v !== undefined).length === 1, {
    error: 'give exactly one of exact, prefix or regex',
  })
  .meta({ description: 'String match: exactly one of exact, prefix, regex' })
