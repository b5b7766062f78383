import { validateRequest, type Validated } from '../../shared/ipc/contract';
import type { Envelope, WireError } from '../../shared/ipc/types';
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

/** Errors cross the boundary as plain data: Electron drops an Error's own properties. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error && typeof (err as { kind?: unknown }).kind === 'string') {
    return { kind: (err as Error & { kind: string }).kind, message: err.message };
  }
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}

export function failure(error: string, kind = 'bad-input'): Envelope<never> {
  return { ok: false, error: { kind, message: error } };
}
