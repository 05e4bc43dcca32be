/** Every export target. A list only: each exporter is one folder under engine/export/. */
import { envoyExporter } from './envoy/envoyExporter'
import { haproxyExporter } from './haproxy/haproxyExporter'
import { istioExporter } from './istio/istioExporter'
import { k8sExporter } from './k8s/k8sExporter'
import { linkerdExporter } from './linkerd/linkerdExporter'
import { nginxExporter } from './nginx/nginxExporter'
import type { ExporterDef } from './types'

export const exporters: readonly ExporterDef[] = [istioExporter, linkerdExporter, envoyExporter, k8sExporter, haproxyExporter, nginxExporter]

/** Looks an exporter up by id; undefined when there is none. */
export function getExporter(id: string): ExporterDef | undefined {
  return exporters.find((e) => e.id === id)
}
