import '@xyflow/react/dist/style.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { config as configureZod } from 'zod'
import { App } from './App'
import { getDefaultScenario } from './panels/bundledScenarios'
import { getPlatform } from './platform/platform'
import { createSimWorker } from './sim/simClient'
import { createRunStore } from './state/runStore'
import { createTopologyStore } from './state/topologyStore'

// The engine validates with zod, which probes for `new Function` to compile fast paths.
// The page's CSP forbids eval, and Chromium reports even a caught probe as a violation.
configureZod({ jitless: true })

const root = document.getElementById('root')
if (!root) throw new Error('renderer/index.html has no #root element')

// `?new` opens a blank canvas instead of the default scenario (workshops start from nothing).
const blank = new URLSearchParams(window.location.search).has('new')
const initial = getDefaultScenario()
const store = createTopologyStore(initial ? { text: initial.text, file: initial.file } : undefined)
if (blank) store.getState().newScenario()
// The YAML editor sits beside the canvas where there is room for both.
if (window.innerWidth < 1600) store.getState().setYamlOpen(false)

createRoot(root).render(
  <StrictMode>
    <App store={store} runStore={createRunStore()} platform={getPlatform()} createWorker={createSimWorker} />
  </StrictMode>,
)
