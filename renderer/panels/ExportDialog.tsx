import { useEffect, useMemo, useRef, useState } from 'react'
import { exporters } from '../../engine/index'
import type { ExportResult, FileFinding, Scenario } from '../../engine/index'
import type { Platform } from '../platform/platform'
import { useTopology } from '../state/topologyStore'
import { ExportPreview } from './export/ExportPreview'

interface Outcome {
  readonly result: ExportResult
  readonly findings: readonly FileFinding[]
  readonly error?: string
}

function runExport(id: string, scenario: Scenario): Outcome {
  const exporter = exporters.find((e) => e.id === id)
  if (!exporter) return { result: { files: [], diagnostics: [] }, findings: [], error: 'No such exporter.' }
  try {
    const result = exporter.export(scenario)
    return { result, findings: exporter.validate(result.files) }
  } catch (err) {
    return { result: { files: [], diagnostics: [] }, findings: [], error: (err as Error).message }
  }
}

/**
 * Export configs: pick a target from the exporters registry, read each generated file
 * (highlighted) with its validation result and whatever the target cannot express, then
 * save the files into a folder through the platform (a folder on the desktop, a download in
 * a browser).
 */
export function ExportDialog({ platform }: { readonly platform: Platform }) {
  const open = useTopology((s) => s.view.exportOpen)
  const setExportOpen = useTopology((s) => s.setExportOpen)
  const setNotice = useTopology((s) => s.setNotice)
  const scenario = useTopology((s) => s.document.scenario)
  const isValid = useTopology((s) => s.document.isTextValid && !s.document.diagnostics.some((d) => d.severity === 'error'))
  const [target, setTarget] = useState(exporters[0]?.id ?? '')
  const [chosen, setChosen] = useState(0)
  const [saving, setSaving] = useState(false)
  const first = useRef<HTMLSelectElement>(null)
  const outcome = useMemo(() => (open && scenario && isValid ? runExport(target, scenario) : undefined), [open, scenario, isValid, target])
  useEffect(() => {
    if (open) first.current?.focus()
  }, [open])
  useEffect(() => setChosen(0), [target])
  if (!open) return null

  const files = outcome?.result.files ?? []
  const file = files[Math.min(chosen, files.length - 1)]
  const findingsOf = (path: string) => outcome?.findings.filter((f) => f.file === path) ?? []
  const save = async () => {
    if (!scenario || files.length === 0) return
    setSaving(true)
    const r = await platform.api.writeExport({ files, folderName: `${scenario.name}-${target}` })
    setSaving(false)
    if (!r.ok) return setNotice(r.error.message)
    if (r.value) setNotice(`Exported ${r.value.files.length} files to ${r.value.folder}.`)
  }
  return (
    <div className="overlay" onClick={() => setExportOpen(false)}>
      <div className="dialog dialog--export" role="dialog" aria-modal="true" aria-labelledby="export-title" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => { if (e.key === 'Escape') setExportOpen(false) }}>
        <header className="dialog__header">
          <h2 id="export-title">Export configs</h2>
          <label className="picker">
            <span className="picker__label">Target</span>
            <select ref={first} className="picker__select" value={target} onChange={(e) => setTarget(e.target.value)}>
              {exporters.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
            </select>
          </label>
          <button type="button" className="small-button" onClick={() => setExportOpen(false)}>Close</button>
        </header>
        {exporters.length === 0 && <p className="dialog__note">No exporters are available in this build.</p>}
        {!isValid && <p className="dialog__note" role="alert">The scenario has errors; fix them before exporting.</p>}
        {outcome?.error && <p className="dialog__note" role="alert">The export failed: {outcome.error}</p>}
        {outcome && !outcome.error && (
          <>
            <p className={`export__summary${outcome.findings.length ? ' export__summary--bad' : ''}`} role="status" data-testid="export-validation">
              {outcome.findings.length === 0
                ? `All ${files.length} files are valid against the ${exporters.find((e) => e.id === target)?.label} schemas.`
                : `${outcome.findings.length} validation problem${outcome.findings.length === 1 ? '' : 's'} in the generated files.`}
            </p>
            <div className="export__body">
              <ul className="export__files" aria-label="Generated files">
                {files.map((f, i) => {
                  const problems = findingsOf(f.path).length
                  return (
                    <li key={f.path}>
                      <button type="button" className={`export__file${i === chosen ? ' export__file--chosen' : ''}`} aria-pressed={i === chosen} onClick={() => setChosen(i)}>
                        <span className={problems ? 'export__bad' : 'export__ok'} aria-label={problems ? `${problems} problems` : 'valid'}>{problems ? '✗' : '✓'}</span> {f.path}
                      </button>
                    </li>
                  )
                })}
              </ul>
              <div className="export__preview">
                {file && <ExportPreview file={file} />}
                {file && findingsOf(file.path).map((f, i) => <p key={i} className="export__finding" role="alert"><code>{f.field}</code> {f.message}</p>)}
              </div>
            </div>
            {outcome.result.diagnostics.length > 0 && (
              <details className="export__notes">
                <summary>{outcome.result.diagnostics.length} notes: what {exporters.find((e) => e.id === target)?.label} cannot express as simulated</summary>
                <ul>{outcome.result.diagnostics.map((d, i) => <li key={i}><code>{d.code}</code> {d.message} {d.path && <code>{d.path}</code>}</li>)}</ul>
              </details>
            )}
          </>
        )}
        <footer className="dialog__footer">
          <button type="button" className="tool tool--primary" disabled={!files.length || saving} onClick={() => void save()}>
            {saving ? 'Saving…' : platform.kind === 'desktop' ? 'Save to folder…' : 'Save files…'}
          </button>
        </footer>
      </div>
    </div>
  )
}
