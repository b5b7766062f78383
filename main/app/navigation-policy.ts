import { APP_ORIGIN } from './protocol-policy';

/** The window stays on the app's own pages; links never navigate it and never open windows. */
export function isNavigationAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** window.open and target=_blank: always refused (no second window, no external browser). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, geolocation, clipboard-read…: all refused. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** Only frames showing the app's own pages may call the engine. */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return typeof frameUrl === 'string' && isNavigationAllowed(frameUrl);
}
