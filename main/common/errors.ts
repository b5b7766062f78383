/**
 * Errors the engine raises on purpose. Each carries the CLI exit code of the design:
 * 2 bad input, 1 a finding/verification failure that is the answer, 130 cancelled.
 */
export type ShokoErrorKind = 'bad-input' | 'verification-failed' | 'cancelled' | 'unsupported' | 'internal';

const EXIT_CODES: Record<ShokoErrorKind, number> = {
  'bad-input': 2,
  unsupported: 2,
  'verification-failed': 1,
  cancelled: 130,
  internal: 70,
};

/** What a bad input is, when the UI has a sentence of its own for it (shared/ipc/errors.ts codes). */
export type ShokoErrorCode = 'not-found' | 'protected';

export class ShokoError extends Error {
  readonly kind: ShokoErrorKind;
  readonly code?: ShokoErrorCode;
  constructor(kind: ShokoErrorKind, message: string, options?: { cause?: unknown; code?: ShokoErrorCode }) {
    super(message, options);
    this.name = 'ShokoError';
    this.kind = kind;
    if (options?.code) this.code = options.code;
  }
  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

export const badInput = (message: string, cause?: unknown) => new ShokoError('bad-input', message, { cause });
/** Bad input that names something absent: a file, folder, item, hit or job. */
export const notFound = (message: string) => new ShokoError('bad-input', message, { code: 'not-found' });
export const verificationFailed = (message: string) => new ShokoError('verification-failed', message);
export const cancelled = (message = 'cancelled') => new ShokoError('cancelled', message);

/** Throws a `cancelled` error when the signal has fired; call between units of work. */
export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

/** An error's message as one line (MuPDF and parsers put line breaks in theirs). */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err ?? 'unknown error');
  return msg.replace(/\s+/g, ' ').trim();
}
