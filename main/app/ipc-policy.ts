import { validateRequest, type Validated } from '../../shared/ipc/contract';
import { toWireError, type ErrorCode } from '../../shared/ipc/errors';
import type { Envelope } from '../../shared/ipc/types';
import { isTrustedSender } from './navigation-policy';

/**
 * Gate for every invoke from the renderer: the sending frame must show the app's own page, the
 * message must be `{ method, payload }` with a known method, and the payload must match that
 * method's schema. Nothing reaches the engine otherwise.
 */
export function checkInvoke(senderFrameUrl: string | undefined | null, message: unknown): Validated {
  if (!isTrustedSender(senderFrameUrl)) return { ok: false, error: `refused: invoke from an untrusted frame (${String(senderFrameUrl).slice(0, 80)})` };
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { ok: false, error: 'refused: message is not an object' };
  const { method, payload, ...rest } = message as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return { ok: false, error: `refused: unexpected keys ${Object.keys(rest).join(', ')}` };
  return validateRequest(method, payload);
}

/** Errors cross as `{ code, message, detail? }` (shared/ipc/errors.ts); the engine's kind picks the code. */
export { toWireError };

export function failure(error: string, code: ErrorCode = 'bad-input'): Envelope<never> {
  return { ok: false, error: { code, message: error } };
}
