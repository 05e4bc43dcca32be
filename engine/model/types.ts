/**
 * Types of the scenario model, inferred from the schema so the two never drift.
 * Units: every duration is milliseconds, every rate requests per second, every percentage
 * 0–100, every size bytes (see `units.ts`).
 */
import type { z } from 'zod'
import type { scenarioSchema } from './schema'
import type { destinationSchema, loadBalancerSchema } from './schema/destinations'
import type { faultEventSchema, rolloutSchema, sloSchema } from './schema/operations'
import type { routeRuleSchema, routeSchema } from './schema/routes'
import type { callSchema, serviceSchema, serviceTimeSchema, versionSchema } from './schema/services'
import type { loadSchema, trafficSourceSchema } from './schema/traffic'

export type Scenario = z.output<typeof scenarioSchema>
export type MeshProfile = Scenario['mesh']
export type Service = z.output<typeof serviceSchema>
export type Version = z.output<typeof versionSchema>
export type Call = z.output<typeof callSchema>
export type ServiceTime = z.output<typeof serviceTimeSchema>
export type TrafficSource = z.output<typeof trafficSourceSchema>
export type Load = z.output<typeof loadSchema>
export type Route = z.output<typeof routeSchema>
export type RouteRule = z.output<typeof routeRuleSchema>
export type Destination = z.output<typeof destinationSchema>
export type LoadBalancer = z.output<typeof loadBalancerSchema>
export type LbKind = LoadBalancer['kind']
export type FaultEvent = z.output<typeof faultEventSchema>
export type Rollout = z.output<typeof rolloutSchema>
export type Slo = z.output<typeof sloSchema>
/** The scenario as written in a file (durations as strings, etc.). */
export type ScenarioInput = z.input<typeof scenarioSchema>
