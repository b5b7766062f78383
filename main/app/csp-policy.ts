/**
 * The renderer's Content-Security-Policy. Only the app's own origin may supply scripts, styles and
 * fonts; images and fetches may also come from the case-asset origin (page images, exports). No inline
 * script, no eval, no plugins, no frames, no workers, no form posts, no base tag.
 */
export interface CspOptions {
  /** Origins (scheme://host[:port]) the app's own files come from. */
  self: string[];
  /** Origins of case assets (rendered pages, exported files): images and fetches only. */
  assets?: string[];
}

export function contentSecurityPolicy(o: CspOptions): string {
  const own = o.self.join(' ');
  const directives: [string, string][] = [
    ['default-src', "'none'"],
    ['script-src', own],
    // React sets element styles through the DOM (allowed); inline <style> blocks are not used.
    ['style-src', own],
    ['img-src', [own, ...(o.assets ?? []), 'data:', 'blob:'].join(' ')],
    ['font-src', own],
    ['connect-src', [own, ...(o.assets ?? [])].join(' ')],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['child-src', "'none'"],
    ['worker-src', "'none'"],
    ['media-src', "'none'"],
    ['manifest-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([k, v]) => `${k} ${v}`).join('; ');
}

/**
 * Headers every response of the app protocol carries. `served` says which origin answers: the app's
 * own files stay same-origin, but case assets (page images, exports) come from a second origin
 * (`shoko://case`) that the app's page (`shoko://app`) embeds, and CORP same-origin would make
 * Chromium block every page image. Nothing else can reach them: CSP and the navigation policy keep
 * every other page out.
 */
export function securityHeaders(csp: string, served: 'app' | 'asset' = 'app'): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': served === 'app' ? 'same-origin' : 'cross-origin',
  };
}
