/**
 * Envoy's v3 API as a protobuf type registry, built once from the descriptors vendored in
 * `engine/export/schemas/envoy/` (no file system: the bytes are a module constant).
 *
 * Decoding ~274 kB of descriptors takes about 0.1 s, so the registry is cached: the first
 * validation pays for it, later ones reuse it. Tests may build a registry from other bytes
 * (e.g. ../shared/schemas/envoy/envoy-mesh.binpb) with `createEnvoyRegistry`.
 *
 * @see https://github.com/bufbuild/protobuf-es/blob/main/MANUAL.md#registries
 */
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf'
import type { FileRegistry } from '@bufbuild/protobuf'
import { base64Decode } from '@bufbuild/protobuf/wire'
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt'
import { ENVOY_DESCRIPTORS_BASE64 } from '../../schemas/envoy/envoyDescriptors'

/** Fully qualified name of the message an Envoy bootstrap file holds. */
export const BOOTSTRAP_TYPE = 'envoy.config.bootstrap.v3.Bootstrap'

let cached: FileRegistry | undefined

/** Builds a registry from a serialized FileDescriptorSet (protoc `--include_imports`). */
export function createEnvoyRegistry(descriptorSet: Uint8Array): FileRegistry {
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet))
}

/** The vendored Envoy registry, decoded on first use and cached for the process. */
export function getEnvoyRegistry(): FileRegistry {
  cached ??= createEnvoyRegistry(base64Decode(ENVOY_DESCRIPTORS_BASE64.replace(/\s+/g, '')))
  return cached
}
