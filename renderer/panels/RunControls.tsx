import { useEffect, useId, useState } from 'react'
import { formatDurationMs, parseDurationMs } from '../../engine/index'
import { RunActorContext } from '../app/actors'
import { getRunPhase } from '../machines/runMachine'
import { useRun } from '../state/runStore'
import { useTopology } from '../state/topologyStore'

const SPEEDS = [{ value: 1, label: '1× (real time)' }, { value: 5, label: '5×' }, { value: 20, label: '20×' }, { value: 100, label: '100×' }, { value: 0, label: 'as fast as possible' }] as const
const PHASE_TEXT = { idle: 'Ready', compiling: 'Compiling…', running: 'Running', paused: 'Paused', finished: 'Finished', failed: 'Failed' } as const

/** Start, pause, resume, step and stop a run; its seed, duration and speed; its progress. */
export function RunControls() {
  const id = useId()
  const actor = RunActorContext.useActorRef()
  const phase = RunActorContext.useSelector((s) => getRunPhase(s))
  const settings = RunActorContext.useSelector((s) => s.context)
  const progress = useRun((s) => s.progress)
  const file = useTopology((s) => s.document.file)
  const scenarioSeed = useTopology((s) => s.document.scenario?.seed)
  const scenarioDuration = useTopology((s) => s.document.scenario?.duration)
  const [durationText, setDurationText] = useState<string | undefined>(undefined)

  // A newly opened scenario brings its own seed and duration.
  useEffect(() => {
    actor.send({ type: 'run.configure', settings: { seed: scenarioSeed ?? 1, durationMs: scenarioDuration ?? 60_000 } })
    setDurationText(undefined)
  }, [actor, file, scenarioSeed, scenarioDuration])

  const active = phase === 'compiling' || phase === 'running' || phase === 'paused'
  const configure = (patch: Partial<typeof settings>) => actor.send({ type: 'run.configure', settings: patch })
  const commitDuration = () => {
    if (durationText === undefined) return
    const ms = parseDurationMs(/^\d+(\.\d+)?$/.test(durationText.trim()) ? `${durationText.trim()}s` : durationText)
    if (Number.isFinite(ms) && ms > 0) configure({ durationMs: ms })
    setDurationText(undefined)
  }
  const pct = Math.round(progress.fraction * 1000) / 10
  return (
    <section className="runbar" aria-label="Run">
      <div className="runbar__buttons" role="group" aria-label="Run controls">
        {phase === 'running' ? (
          <button type="button" className="tool" onClick={() => actor.send({ type: 'run.pause' })}>Pause</button>
        ) : phase === 'paused' ? (
          <button type="button" className="tool tool--run" onClick={() => actor.send({ type: 'run.resume' })}>Resume</button>
        ) : (
          <button type="button" className="tool tool--run" disabled={phase === 'compiling'} onClick={() => actor.send({ type: 'run.start' })}>Run</button>
        )}
        <button type="button" className="tool" disabled={phase !== 'paused'} onClick={() => actor.send({ type: 'run.step' })} title="One simulated second (.)">Step</button>
        <button type="button" className="tool" disabled={!active} onClick={() => actor.send({ type: 'run.stop' })}>Stop</button>
      </div>
      <label className="runbar__field" htmlFor={`${id}-seed`}>Seed</label>
      <input id={`${id}-seed`} className="field__input runbar__input" type="number" min={0} value={settings.seed} disabled={active} onChange={(e) => configure({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
      <label className="runbar__field" htmlFor={`${id}-duration`}>Run duration</label>
      <input
        id={`${id}-duration`}
        className="field__input runbar__input"
        value={durationText ?? formatDurationMs(settings.durationMs)}
        disabled={active}
        onChange={(e) => setDurationText(e.target.value)}
        onBlur={commitDuration}
        onKeyDown={(e) => { if (e.key === 'Enter') commitDuration() }}
      />
      <label className="runbar__field" htmlFor={`${id}-speed`}>Speed</label>
      <select id={`${id}-speed`} className="field__input runbar__input" value={settings.speed} onChange={(e) => configure({ speed: Number(e.target.value) })}>
        {SPEEDS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </select>
      <div className="runbar__progress">
        <div className="progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="run-progress">
          <span className="progress__fill" style={{ width: `${pct}%` }} />
        </div>
        <span className="runbar__time">{progress.simulatedSeconds.toFixed(1)} s / {(settings.durationMs / 1000).toFixed(0)} s</span>
      </div>
      <span className={`runbar__phase runbar__phase--${phase}`} data-testid="run-phase" role="status">{PHASE_TEXT[phase]}</span>
      {phase === 'failed' && settings.error && <span className="runbar__error" role="alert">{settings.error}</span>}
    </section>
  )
}
