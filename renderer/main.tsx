import '@xyflow/react/dist/style.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { config as configureZod } from 'zod'
import { App } from './App'
import { getDefaultScenario } from './panels/bundledScenarios'
import { getPlatform } from './platform/platform'
import { createTopologyStore } from './state/topologyStore'

// The engine validates with zod, which probes for `new Function` to compile fast paths.
// The page's CSP forbids eval, and Chromium reports even a caught probe as a violation.
configureZod({ jitless: true })

const root = document.getElementById('root')
if (!root) throw new Error('renderer/index.html has no #root element')

const initial = getDefaultScenario()
const store = createTopologyStore(initial ? { text: initial.text, file: initial.file } : undefined)

createRoot(root).render(
  <StrictMode>
    <App store={store} platform={getPlatform()} />
  </StrictMode>,
)
