import { describe, expect, it } from 'vitest';
import { beforeRequestHandler, decideRequest } from '../../main/app/request-policy';
import { isNavigationAllowed, isTrustedSender, permissionDecision, windowOpenDecision } from '../../main/app/navigation-policy';

describe('session request blocking', () => {
  it.each([
    'http://example.com/',
    'https://example.com/track.gif',
    'ws://127.0.0.1:9000/socket',
    'wss://example.com/socket',
    'ftp://example.com/file',
    'file:///etc/passwd',
    'chrome-extension://abc/x.js',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
  ])('cancels %s', (url) => {
    expect(decideRequest(url).cancel).toBe(true);
  });

  it("lets the app's own protocol and inert in-page URLs through", () => {
    expect(decideRequest('shoko://app/index.html')).toEqual({ cancel: false });
    expect(decideRequest('shoko://case/page/1/0.png?dpi=96')).toEqual({ cancel: false });
    expect(decideRequest('SHOKO://app/assets/x.js').cancel).toBe(false);
    expect(decideRequest('data:image/png;base64,AAAA').cancel).toBe(false);
    expect(decideRequest('blob:shoko://app/1234').cancel).toBe(false);
  });

  it('allows DevTools only in development and still blocks the network there', () => {
    expect(decideRequest('devtools://devtools/bundled/inspector.html', { dev: true }).cancel).toBe(false);
    expect(decideRequest('https://example.com/', { dev: true }).cancel).toBe(true);
  });
});

describe('the onBeforeRequest handler the session installs', () => {
  it('answers cancel for http, https, ws and wss, and lets shoko: through', () => {
    const blocked: string[] = [];
    const handler = beforeRequestHandler({ onBlocked: (url) => blocked.push(url) });
    const answer = (url: string) => {
      let response: { cancel: boolean } | undefined;
      handler({ url }, (r) => { response = r; });
      return response;
    };
    expect(answer('http://example.com/')).toEqual({ cancel: true });
    expect(answer('https://example.com/')).toEqual({ cancel: true });
    expect(answer('ws://example.com/')).toEqual({ cancel: true });
    expect(answer('wss://example.com/')).toEqual({ cancel: true });
    expect(answer('shoko://app/index.html')).toEqual({ cancel: false });
    expect(blocked).toEqual(['http://example.com/', 'https://example.com/', 'ws://example.com/', 'wss://example.com/']);
  });
});

describe('navigation, windows, permissions', () => {
  it('keeps the window on the app origin', () => {
    expect(isNavigationAllowed('shoko://app/index.html')).toBe(true);
    expect(isNavigationAllowed('shoko://case/file/exports/a.png')).toBe(false);
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///tmp/x.html')).toBe(false);
    expect(isNavigationAllowed('shoko://app.evil/index.html')).toBe(false);
  });

  it('denies window.open and every permission', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal']) {
      expect(permissionDecision(p)).toBe(false);
    }
  });

  it('trusts only frames of the app origin as IPC senders', () => {
    expect(isTrustedSender('shoko://app/index.html')).toBe(true);
    expect(isTrustedSender('http://127.0.0.1/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
