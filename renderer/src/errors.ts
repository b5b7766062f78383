import { isErrorCode, type ErrorCode, type WireError } from '../../shared/ipc/errors';
import type { MessageKey, T } from './i18n';

/** An engine error as the renderer holds it: the code picks the sentence, the engine's text stays as detail. */
export class ShokoCallError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'ShokoCallError';
    this.code = isErrorCode(wire.code) ? wire.code : 'internal';
    this.detail = wire.detail;
  }
}

/** The i18n key of each error code's sentence (ja.ts and en.ts must both have it: the compiler checks). */
export const ERROR_MESSAGE_KEYS: Record<ErrorCode, MessageKey> = {
  'bad-input': 'error.bad-input',
  'not-found': 'error.not-found',
  protected: 'error.protected',
  unsupported: 'error.unsupported',
  'verification-failed': 'error.verification-failed',
  cancelled: 'error.cancelled',
  internal: 'error.internal',
};

export interface ErrorDescription {
  code: ErrorCode;
  /** One sentence in the UI's language. */
  sentence: string;
  /** The engine's English message (names the file or item) and its cause, shown beneath. */
  detail: string;
}

/**
 * What the UI says about a failure: a sentence in the UI's language by code, with the engine's own
 * English text beneath. Errors raised in the renderer itself (a bad page list…) are bad input.
 */
export function describeError(err: unknown, t: T): ErrorDescription {
  const wire = asWireError(err);
  const detail = wire.detail ? `${wire.message} (${wire.detail})` : wire.message;
  return { code: wire.code, sentence: t(ERROR_MESSAGE_KEYS[wire.code]), detail };
}

export function asWireError(err: unknown): WireError {
  if (err instanceof ShokoCallError) return { code: err.code, message: err.message, detail: err.detail };
  if (typeof err === 'object' && err !== null && 'code' in err && 'message' in err && isErrorCode((err as WireError).code)) {
    const w = err as WireError;
    return { code: w.code, message: String(w.message), detail: w.detail };
  }
  // A plain Error thrown in the renderer (input it refused before calling the engine).
  if (err instanceof Error) return { code: isErrorCode(err.name) ? err.name : 'bad-input', message: err.message };
  return { code: 'internal', message: String(err) };
}
