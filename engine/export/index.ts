/** Every export target. A list only: each exporter is one folder under engine/export/. */
import type { ExporterDef } from './types'

export const exporters: readonly ExporterDef[] = []

/** Looks an exporter up by id; undefined when there is none. */
export function getExporter(id: string): ExporterDef | undefined {
  return exporters.find((e) => e.id === id)
}
