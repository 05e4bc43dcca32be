import { describe, expect, it } from 'vitest'
import { createLaunchQueue, scenarioPathsFromArgv } from './launchArgs'

describe('launch arguments', () => {
  it('finds scenario files among Electron and Chromium arguments, made absolute', () => {
    expect(scenarioPathsFromArgv(['/opt/meshsim/meshsim', '--no-sandbox', 'demo.scenario.yaml', '/abs/b.yml', 'c.json', 'notes.txt'], '/home/u')).toEqual(['/home/u/demo.scenario.yaml', '/abs/b.yml', '/home/u/c.json'])
    // `electron . file` in development: the app folder is not a scenario.
    expect(scenarioPathsFromArgv(['/usr/bin/electron', '.', 'x.scenario.yaml'], '/w')).toEqual(['/w/x.scenario.yaml'])
  })

  it('holds paths until the renderer takes them, then delivers new ones at once', () => {
    const delivered: string[] = []
    const queue = createLaunchQueue((p) => delivered.push(p))
    queue.push('/a.yaml')
    queue.push('/b.yaml')
    expect(delivered).toEqual([])
    expect(queue.take()).toEqual(['/a.yaml', '/b.yaml'])
    queue.push('/c.yaml')
    expect(delivered).toEqual(['/c.yaml'])
    expect(queue.take()).toEqual([])
  })
})
