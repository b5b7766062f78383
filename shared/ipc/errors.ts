/**
 * How an engine error crosses the IPC boundary: a stable code the renderer turns into a sentence in
 * the UI's language, the engine's English one-line message (it names the file or item), and an
 * optional detail (the underlying cause). Dependency-free: main, the preload and the renderer share it.
 */
export const ERROR_CODES = [
  'bad-input', 'not-found', 'protected', 'unsupported', 'verification-failed', 'cancelled', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  /** The engine's message, in English, one line; names the path or item. */
  message: string;
  /** The underlying cause, when it adds something the message does not say. */
  detail?: string;
}

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x);
}

// The engine marks what is missing with ShokoError's code (main/common/errors.ts `notFound`); these
// phrases are the fallback for errors raised below it (Node, MuPDF, the document worker's messages).
const PROTECTED = /DRM-protected|password-protected|cannot be exported: protected|\bencrypted\b/i;
const NOT_FOUND = /: no such |not there any more|^no (evidence item|hit|redaction|running job) /i;
const NODE_NOT_FOUND = new Set(['ENOENT', 'ENOTDIR']);

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const fieldOf = (err: unknown, key: string): unknown =>
  typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[key] : undefined;

/** The code of any thrown value: the engine's own kind first, refined by what the message says. */
export function errorCodeOf(err: unknown): ErrorCode {
  const code = fieldOf(err, 'code');
  // A ShokoError that carries one of our codes is taken at its word.
  if (fieldOf(err, 'name') === 'ShokoError' && isErrorCode(code)) return code;
  const message = err instanceof Error ? err.message : String(err ?? '');
  if (fieldOf(err, 'status') === 'protected' || fieldOf(err, 'name') === 'ProtectedDocumentError') return 'protected';
  if (fieldOf(err, 'name') === 'AbortError') return 'cancelled';
  const kind = fieldOf(err, 'kind');
  switch (kind) {
    case 'cancelled': return 'cancelled';
    case 'verification-failed': return 'verification-failed';
    case 'unsupported': return 'unsupported';
    case 'internal': return 'internal';
    case 'bad-input': return refine(message, fieldOf(fieldOf(err, 'cause'), 'code')) ?? 'bad-input';
    default: return refine(message, code) ?? 'internal';
  }
}

function refine(message: string, errno: unknown): ErrorCode | null {
  if (PROTECTED.test(message)) return 'protected';
  if ((typeof errno === 'string' && NODE_NOT_FOUND.has(errno)) || NOT_FOUND.test(message)) return 'not-found';
  return null;
}

/** Errors cross the boundary as plain data: Electron (and JSON) drop an Error's own properties. */
export function toWireError(err: unknown): WireError {
  const message = oneLine(err instanceof Error ? err.message : String(err ?? 'unknown error')) || 'unknown error';
  const cause = fieldOf(err, 'cause');
  const causeText = cause instanceof Error ? oneLine(cause.message) : '';
  const wire: WireError = { code: errorCodeOf(err), message };
  if (causeText && !message.includes(causeText)) wire.detail = causeText;
  return wire;
}
