/**
 * Building `Result`s on the main side, and turning anything thrown into one: errors never
 * cross IPC as exceptions (they would lose everything but their message).
 */
import type { AppError, ErrorCode, Result } from '../contract'

/** A success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** A failure with a code and a message for the user. */
export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

/** The Node errno codes worth their own `ErrorCode`; the rest are plain `io`. */
const ERRNO_CODES: Readonly<Record<string, ErrorCode>> = { ENOENT: 'not_found', ENOTDIR: 'not_found' }

/** Plain-language reasons for the errno codes users actually meet. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'a folder on its path does not exist',
  EACCES: 'permission was denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EISDIR: 'it is a folder',
  EBUSY: 'it is in use by another program',
}

/** Converts anything thrown into an `AppError`; `doing` says what failed, e.g. `could not save /a/b.yaml`. */
export function toAppError(err: unknown, doing?: string): AppError {
  const errno = (err as { code?: unknown } | null)?.code
  const prefix = doing ? `${doing}: ` : ''
  if (typeof errno === 'string' && errno in ERRNO_TEXT) {
    return { code: ERRNO_CODES[errno] ?? 'io', message: `${prefix}${ERRNO_TEXT[errno]} (${errno})` }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: typeof errno === 'string' ? 'io' : 'internal', message: `${prefix}${message}` }
}

/** `toAppError` as a failed `Result`. */
export function failFrom<T = never>(err: unknown, doing?: string): Result<T> {
  return { ok: false, error: toAppError(err, doing) }
}
