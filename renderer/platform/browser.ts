/**
 * The browser adapter: the renderer as a plain web page (workshops, no install), where
 * there is no desktop bridge. A later issue adds file open/save through the File API here.
 */
import type { Platform } from './platform'

export const browserPlatform: Platform = { kind: 'browser', appVersion: undefined }
