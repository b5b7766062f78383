import path from 'node:path';
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

/**
 * A sentence for the operating system's refusals, which reach the engine as bare error codes (a full
 * disk, an output folder that cannot be written, a path that is a file). `where` names the folder the
 * engine was writing to when the error carries no path. Null for anything else: a real internal error.
 */
export function systemError(err: unknown, where?: string): ShokoError | null {
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return badInput(`${where ? `${where}: ` : ''}the input is nested too deeply to read (hostile or damaged file)`, err);
  }
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e.code !== 'string') return null;
  const at = e.path ?? where ?? 'the output';
  switch (e.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return badInput(`not enough space in ${where ?? path.dirname(at)} (${at}); free some space and run it again — what was being written has been removed`, err);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return badInput(`${at}: not allowed to write here (${e.code})`, err);
    case 'ENOTDIR':
      return badInput(`${at}: a part of this path is a file, not a folder`, err);
    case 'EISDIR':
      return badInput(`${at}: is a folder, a file was expected`, err);
    case 'EEXIST':
      return badInput(`${at}: already exists; choose a new name`, err);
    case 'ENOENT':
      return badInput(`${at}: no such file or folder`, err);
    case 'EMFILE':
    case 'ENFILE':
      return badInput(`too many open files while writing ${at}; close other programs and run it again`, err);
    default:
      return null;
  }
}
