import type { Session } from 'electron';
import { ALL_URLS, beforeRequestHandler } from './request-policy';
import { permissionDecision } from './navigation-policy';

/**
 * Applies the no-network rule and the permission rule to a session: every request that is not the
 * app's own protocol is cancelled before it leaves, every permission asked for is refused.
 */
export function guardSession(ses: Session, dev: boolean): void {
  ses.webRequest.onBeforeRequest({ urls: ALL_URLS }, beforeRequestHandler({
    dev, onBlocked: (url, reason) => console.warn(`[shoko] ${reason}: ${url.slice(0, 200)}`),
  }));
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (e) => e.preventDefault());
  // No proxy lookups, no PAC scripts fetched from the network.
  void ses.setProxy({ mode: 'direct' });
}
