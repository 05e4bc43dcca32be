import type { ChangeEvent } from 'react'
import { useTopology } from '../state/topologyStore'
import { bundledScenarios } from './bundledScenarios'

/** Opens a bundled scenario as a template (a fresh document with its content). */
export function ScenarioPicker() {
  const file = useTopology((s) => s.document.file)
  const openScenario = useTopology((s) => s.openScenario)
  const isBundled = bundledScenarios.some((s) => s.file === file)

  function onChange(event: ChangeEvent<HTMLSelectElement>) {
    const chosen = bundledScenarios.find((s) => s.file === event.target.value)
    if (chosen) openScenario(chosen.text, chosen.file)
  }

  return (
    <label className="picker">
      <span className="picker__label">Template</span>
      <select className="picker__select" value={isBundled ? file : ''} onChange={onChange}>
        {!isBundled && (
          <option value="" disabled>
            {file || 'choose a template'}
          </option>
        )}
        {bundledScenarios.map((s) => (
          <option key={s.file} value={s.file}>
            {s.id}
          </option>
        ))}
      </select>
    </label>
  )
}
