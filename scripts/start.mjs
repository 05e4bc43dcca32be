// `npm start`: the desktop app when an Electron binary is available; otherwise the same
// renderer as a web page on 127.0.0.1. Never calls require('electron') to find out: that
// resolves the binary's path and tries to download it when it is missing.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ELECTRON_DIR = 'node_modules/electron'
/** What node_modules/electron/path.txt holds once the binary is installed, per platform. */
const DEFAULT_EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron'

/** The Electron executable to launch, mirroring node_modules/electron/index.js; or a reason there is none. */
function findElectron() {
  const pathFile = join(ELECTRON_DIR, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const exe = join(override, relative || DEFAULT_EXECUTABLE)
    return existsSync(exe) ? { exe } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${exe} does not exist` }
  }
  if (relative) {
    const exe = join(ELECTRON_DIR, 'dist', relative)
    if (existsSync(exe)) return { exe }
  }
  return { reason: 'the Electron binary is not available on this machine' }
}

function run(script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = spawnSync(npm, ['run', '--silent', script], { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`npm start: \`npm run ${script}\` failed`)
    process.exit(r.status ?? 1)
  }
}

function startDesktop(exe) {
  run('build:web')
  run('build:electron')
  // `electron .` starts package.json's "main" (dist/electron/main.js) and takes the app's
  // name and version from package.json, so user data lands in meshsim's own folder.
  const child = spawn(exe, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
}

async function startWeb(reason) {
  console.log(
    `meshsim: ${reason}, so meshsim opens as a web page instead (for the desktop app, set ELECTRON_OVERRIDE_DIST_PATH ` +
      'to the folder of a local Electron 45 build, e.g. `ELECTRON_OVERRIDE_DIST_PATH=/opt/electron-v45 npm start`).',
  )
  run('build:web')
  const { preview } = await import('vite')
  const port = Number(process.env.PORT) || 4173
  const server = await preview({ configFile: 'vite.config.ts', logLevel: 'warn', preview: { host: '127.0.0.1', port } })
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`
  console.log(`\nmeshsim is running at ${url}  (Ctrl+C to stop)`)
}

const electron = findElectron()
if (electron.exe) startDesktop(electron.exe)
else await startWeb(electron.reason)
