import type { ChangeEvent } from 'react'
import { useTopology } from '../state/topologyStore'
import { bundledScenarios } from './bundledScenarios'

/** Chooses which bundled scenario is open. */
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
      <span className="picker__label">Scenario</span>
      <select className="picker__select" value={file} onChange={onChange}>
        {!isBundled && (
          <option value={file} disabled>
            {file || 'choose a scenario'}
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
