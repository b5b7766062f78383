import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../main/app/csp-policy';
import { isDevelopment, mainWindowOptions } from '../../main/app/window-policy';
import { menuTemplate, rolesOf } from '../../main/app/menu-policy';

describe('main window options', () => {
  it('isolates and sandboxes the renderer', () => {
    const o = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', dev: false, dark: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true,
      allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false, devTools: false,
    });
  });

  it('opens DevTools only in an explicit development run', () => {
    expect(mainWindowOptions({ preloadPath: 'p', dev: true, dark: true }).webPreferences.devTools).toBe(true);
    expect(isDevelopment({ SHOKO_DEV: '1' }, false)).toBe(true);
    expect(isDevelopment({ SHOKO_DEV: '1' }, true)).toBe(false);
    expect(isDevelopment({}, false)).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy({ self: ['shoko://app'], assets: ['shoko://case'] });
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows only the app origin, no inline script or eval', () => {
    expect(directive('default-src')).toBe("default-src 'none'");
    expect(directive('script-src')).toBe('script-src shoko://app');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('connect-src')).toBe('connect-src shoko://app shoko://case');
    expect(directive('img-src')).toBe('img-src shoko://app shoko://case data: blob:');
    expect(directive('style-src')).toBe('style-src shoko://app');
    expect(directive('worker-src')).toBe("worker-src 'none'");
  });

  it('goes out with nosniff and no referrer', () => {
    expect(securityHeaders(csp)).toMatchObject({ 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  });

  it('lets the app page embed case assets from their own origin (CORP same-origin would block every page image)', () => {
    // shoko://app and shoko://case are two origins; the e2e bridge serves its assets with these very headers.
    expect(securityHeaders(csp)['Cross-Origin-Resource-Policy']).toBe('same-origin');
    expect(securityHeaders(csp, 'asset')['Cross-Origin-Resource-Policy']).toBe('cross-origin');
  });
});

describe('application menu', () => {
  it('offers editing everywhere and DevTools / reload only in development', () => {
    for (const mac of [true, false]) {
      const prod = rolesOf(menuTemplate({ dev: false, mac, appName: 'Shoko' }));
      expect(prod).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'quit']));
      expect(prod).not.toContain('toggleDevTools');
      expect(prod).not.toContain('reload');
      expect(rolesOf(menuTemplate({ dev: true, mac, appName: 'Shoko' }))).toContain('toggleDevTools');
    }
  });
});
