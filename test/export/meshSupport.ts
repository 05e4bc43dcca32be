/**
 * Support for the Istio / Linkerd / validator suites: a validator built straight from the
 * upstream CRDs in ../shared/schemas (every served version of every kind, descriptions and
 * all), the app's bundled validator, a strict "both must accept" check, YAML mutation helpers
 * and a unified diff for golden mismatches.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments, parse, stringify } from 'yaml'
import { bundledK8sValidator, meshValidatorOptions } from '../../engine/export/validate/k8s/bundled'
import { coreKindSchemas } from '../../engine/export/validate/k8s/coreSchemas'
import type { OpenApiSchema } from '../../engine/export/validate/k8s/structural'
import { createK8sValidator } from '../../engine/export/validate/k8s/validator'
import type { K8sValidator, KindSchema } from '../../engine/export/validate/k8s/validator'
import type { FileFinding, OutFile } from '../../engine/export/types'
import { sharedSchemas } from './exportFixtures'

/** The CRD files of ../shared/schemas the mesh exports are checked against. */
export const SHARED_CRD_FILES = [
  'istio/crd-all.gen.yaml',
  'linkerd/install_crds.edge-26.8.3.golden.yaml',
  'gateway-api/standard/gateway.networking.k8s.io_httproutes.yaml',
  'gateway-api/standard/gateway.networking.k8s.io_gateways.yaml',
  'gateway-api/standard/gateway.networking.k8s.io_grpcroutes.yaml',
]

interface Crd {
  kind: string
  spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: OpenApiSchema } }[] }
}

let shared: { kinds: KindSchema[]; validator: K8sValidator } | undefined

/** Every served kind/version of the shared CRDs, and a validator over them (built once per worker). */
export function sharedValidator(): { kinds: KindSchema[]; validator: K8sValidator } {
  if (!shared) {
    const kinds: KindSchema[] = []
    for (const file of SHARED_CRD_FILES) {
      for (const doc of parseAllDocuments(readFileSync(join(sharedSchemas, file), 'utf8'))) {
        const crd = doc.toJS() as Crd | null
        if (crd?.kind !== 'CustomResourceDefinition') continue
        for (const v of crd.spec.versions) {
          if (v.served) kinds.push({ group: crd.spec.group, version: v.name, kind: crd.spec.names.kind, schema: v.schema.openAPIV3Schema, source: file })
        }
      }
    }
    kinds.push(...coreKindSchemas)
    shared = { kinds, validator: createK8sValidator(kinds, meshValidatorOptions) }
  }
  return shared
}

/** Findings of both validators: the upstream CRDs (../shared) and the app's bundled schemas. */
export function validateBoth(files: readonly OutFile[]): { shared: FileFinding[]; bundled: FileFinding[] } {
  return { shared: sharedValidator().validator.validateFiles(files), bundled: bundledK8sValidator().validateFiles(files) }
}

/** A copy of `files` where `file` (matched by a path substring) has its document changed by `edit`. */
export function mutate(files: readonly OutFile[], file: string, edit: (doc: Record<string, any>) => void): OutFile[] {
  const target = files.find((f) => f.path.includes(file))
  if (!target) throw new Error(`no file matching ${file} in ${files.map((f) => f.path).join(', ')}`)
  return files.map((f) => {
    if (f !== target) return f
    const doc = parse(f.content) as Record<string, any>
    edit(doc)
    return { ...f, content: stringify(doc) }
  })
}

/** The first document of a file, parsed. */
export function docOf(files: readonly OutFile[], file: string): Record<string, any> {
  const f = files.find((x) => x.path.includes(file))
  if (!f) throw new Error(`no file matching ${file} in ${files.map((x) => x.path).join(', ')}`)
  return parse(f.content) as Record<string, any>
}

