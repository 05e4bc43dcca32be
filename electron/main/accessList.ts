/**
 * The paths the user has handed to the app: chosen in a dialog, dropped on the window,
 * passed on the command line or by a file association, or in the recent list. The renderer
 * may read, save and reveal only these, so a compromised page cannot reach other files.
 */
import { resolve } from 'node:path'

/** The set of user-chosen paths (compared after `path.resolve`). */
export interface AccessList {
  grant(path: string): void
  isGranted(path: string): boolean
}

/** Creates an empty list. */
export function createAccessList(): AccessList {
  const granted = new Set<string>()
  return {
    grant: (path) => void granted.add(resolve(path)),
    isGranted: (path) => granted.has(resolve(path)),
  }
}
