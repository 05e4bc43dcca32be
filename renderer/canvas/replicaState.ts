/**
 * Replica names and states as the engine names them (`<service>-<version>-<i>`), for the
 * pods drawn on a service node: crashed (by the fault timeline, at the run's current time)
 * or ejected (by outlier detection, from the run's telemetry).
 */
import type { FaultEvent, Service } from '../../engine/index'

/** The engine's name of replica `index` of `version`. */
export function getReplicaName(service: string, version: string, index: number): string {
  return `${service}-${version}-${index}`
}

/** Replicas of `service` down from a crash fault at simulated time `tSeconds`. */
export function computeCrashedReplicas(service: Service, faults: readonly FaultEvent[] | undefined, tSeconds: number): string[] {
  const tMs = tSeconds * 1000
  const out: string[] = []
  for (const f of faults ?? []) {
    if (f.kind !== 'crash' || f.service !== service.name || tMs < f.at) continue
    if (f.restartAfter !== undefined && tMs >= f.at + f.restartAfter) continue
    const name = findReplica(service, f.version, f.replica ?? 0)
    if (name) out.push(name)
  }
  return out
}

function findReplica(service: Service, version: string | undefined, index: number): string | undefined {
  const versions = version === undefined ? service.versions : service.versions.filter((v) => v.name === version)
  let i = index
  for (const v of versions) {
    const n = v.replicas ?? 1
    if (i < n) return getReplicaName(service.name, v.name, i)
    i -= n
  }
  return undefined
}
