/**
 * The scenario document's schema: one zod schema is the single source for parsing
 * (file text → typed model), encoding (model → file values) and the published JSON Schema
 * (`scenarios/scenario.schema.json`).
 */
import { z } from 'zod'
import { destinationSchema } from './schema/destinations'
import { faultEventSchema, rolloutSchema, securitySchema, sloSchema } from './schema/operations'
import { dnsLabel, duration } from './schema/primitives'
import { routeSchema } from './schema/routes'
import { serviceSchema } from './schema/services'
import { trafficSourceSchema } from './schema/traffic'

/** The format version this build writes. Older versions are migrated on load. */
export const CURRENT_FORMAT_VERSION = 1

/** Mesh profiles: whose behaviour and defaults are simulated and exported. */
export const MESH_PROFILES = ['istio', 'linkerd', 'envoy'] as const

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors'),
    formatVersion: z.literal(CURRENT_FORMAT_VERSION, { error: `formatVersion must be ${CURRENT_FORMAT_VERSION}` }),
    name: z.string().min(1),
    description: z.string().optional(),
    mesh: z.enum(MESH_PROFILES).describe('istio = Envoy with Istio defaults, linkerd, envoy = plain Envoy'),
    seed: z.int().min(0).max(2 ** 32 - 1).optional().describe('random seed (default 1)'),
    duration: duration.describe('simulated time'),
    warmup: duration.optional().describe('excluded from results'),
    zones: z.array(dnsLabel).optional(),
    network: z
      .strictObject({
        sameZone: duration.optional().describe('one-way latency within a zone (default 0.2ms)'),
        crossZone: duration.optional().describe('one-way latency across zones (default 1ms)'),
        sidecar: duration.optional().describe('added per proxy hop (default 0.1ms)'),
      })
      .optional(),
    services: z.array(serviceSchema).min(1, { error: 'a scenario needs at least one service' }),
    traffic: z.array(trafficSourceSchema).optional(),
    routes: z.array(routeSchema).optional(),
    destinations: z.array(destinationSchema).optional(),
    security: securitySchema.optional(),
    faults: z.array(faultEventSchema).optional(),
    rollouts: z.array(rolloutSchema).optional(),
    slos: z.array(sloSchema).optional(),
  })
  .meta({ title: 'meshsim scenario', description: 'A service topology, its mesh policy, traffic, faults and objectives' })
