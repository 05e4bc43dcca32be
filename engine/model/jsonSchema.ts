/**
 * The published JSON Schema of the scenario file (`scenarios/scenario.schema.json`),
 * generated from the same zod schema the parser uses, describing the file's input form
 * (durations as strings).
 */
import { z } from 'zod'
import { scenarioSchema } from './schema'

/** The `$id` editors see; files reference the schema by relative path. */
export const SCENARIO_SCHEMA_ID = 'https://meshsim.dev/schemas/scenario.schema.json'

/** Generates the JSON Schema (draft 2020-12) for scenario files. Deterministic. */
export function generateScenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' })
  return { ...schema, $id: SCENARIO_SCHEMA_ID }
}
