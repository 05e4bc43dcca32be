/**
 * zod schemas for every IPC argument (the DTOs of electron/contract.ts), with the limits a
 * well-behaved renderer never reaches: absolute paths only, file names without separators,
 * export paths that cannot climb out of their folder, and texts no larger than a scenario.
 */
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { MAX_SCENARIO_BYTES } from '../../engine/index'

const MAX_PATH_CHARS = 4096
const MAX_NAME_CHARS = 255
/** An export is a handful of files; these bounds only stop a runaway renderer. */
const MAX_EXPORT_FILES = 2000

/** An absolute file-system path. */
export const pathSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_PATH_CHARS)
  .refine((p) => !p.includes('\0'), { error: 'must not contain NUL characters' })
  .refine((p) => isAbsolute(p), { error: 'must be an absolute path' })

/** One file or folder name: no separators, no `.`/`..`, nothing Windows forbids. */
export const fileNameSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_NAME_CHARS)
  .refine((n) => n !== '.' && n !== '..', { error: 'must not be "." or ".."' })
  .refine((n) => !/[/\\:*?"<>|\0]/.test(n), { error: 'must not contain / \\ : * ? " < > | or NUL' })

/** A relative `/`-separated path whose every segment is a file name, so it stays inside its folder. */
export const relativePathSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_PATH_CHARS)
  .refine((p) => p.split('/').every((segment) => fileNameSchema.safeParse(segment).success), {
    error: 'must be a relative path of plain names separated by "/" (no "..", no absolute paths)',
  })

/** Scenario text: at most the size the parser accepts (characters are at most bytes). */
export const scenarioTextSchema = z.string().max(MAX_SCENARIO_BYTES, { error: `must be at most ${MAX_SCENARIO_BYTES} characters` })

/** `SaveRequest`. */
export const saveRequestSchema = z.strictObject({ path: pathSchema, text: scenarioTextSchema })

/** `SaveAsRequest`. */
export const saveAsRequestSchema = z.strictObject({ text: scenarioTextSchema, suggestedName: fileNameSchema })

/** One exporter output file (`OutFile`); its path may not leave the export folder. */
export const outFileSchema = z.strictObject({
  path: relativePathSchema,
  content: z.string().max(MAX_SCENARIO_BYTES * 4),
  language: z.enum(['yaml', 'json', 'haproxy', 'nginx']),
})

/** `ExportRequest`. */
export const exportRequestSchema = z.strictObject({
  files: z.array(outFileSchema).min(1, { error: 'must list at least one file' }).max(MAX_EXPORT_FILES),
  folderName: z.union([z.literal(''), fileNameSchema]),
})

/** `DocumentStatus`. */
export const documentStatusSchema = z.strictObject({
  path: pathSchema.nullable(),
  name: z.string().max(MAX_NAME_CHARS),
  dirty: z.boolean(),
})

/** An autosave draft; also the on-disk form's payload (autosave.ts). */
export const autosaveDraftSchema = z.strictObject({
  key: z.string().min(1).max(MAX_PATH_CHARS + 64),
  path: pathSchema.nullable(),
  name: z.string().max(MAX_NAME_CHARS),
  text: scenarioTextSchema,
  editedAt: z.string().max(64),
})

/** `ExternalChangeResolution`. */
export const changeResolutionSchema = z.strictObject({
  path: pathSchema,
  choice: z.enum(['reload', 'keep_mine']),
})
