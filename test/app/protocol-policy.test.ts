import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAssetPath, resolveCaseFile, resolveInside } from '../../main/app/protocol-policy';

const root = path.resolve('/srv/case-x/exports');

describe('resolveInside', () => {
  it('serves a plain relative path inside the root', () => {
    expect(resolveInside(root, 'item-1/page-0001.png')).toEqual({ ok: true, path: path.join(root, 'item-1/page-0001.png') });
    expect(resolveInside(root, 'with%20space.png')).toEqual({ ok: true, path: path.join(root, 'with space.png') });
  });

  it.each([
    ['../case.sqlite', 'dot segment'],
    ['a/../../case.sqlite', 'dot segment'],
    ['%2e%2e/case.sqlite', 'dot segment'],
    ['%2E%2E%2Fcase.sqlite', 'dot segment'],
    ['%252e%252e/case.sqlite', 'encoded characters after decoding'],
    ['..%5ccase.sqlite', 'backslash'],
    ['a\\..\\b', 'backslash'],
    ['/etc/passwd', 'absolute'],
    ['%2fetc%2fpasswd', 'absolute'],
    ['C:/Windows/win.ini', 'absolute'],
    ['c:%5cwin.ini', 'backslash'],
    ['a/%00.png', 'NUL'],
    ['a//b', 'empty path segment'],
    ['./a', 'dot segment'],
    ['%E0%A4%A', 'malformed'],
  ])('refuses %s', (p, reason) => {
    const r = resolveInside(root, p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('parseAssetPath', () => {
  it('parses page images with a bounded dpi', () => {
    expect(parseAssetPath('page/3/12.png?dpi=150')).toEqual({ ok: true, route: { kind: 'page', itemId: 3, page: 12, dpi: 150 } });
    expect(parseAssetPath('page/3/0.png')).toMatchObject({ ok: true, route: { dpi: 96 } });
    expect(parseAssetPath('page/3/0.png?dpi=5000').ok).toBe(false);
    expect(parseAssetPath('page/0/0.png').ok).toBe(false);
    expect(parseAssetPath('page/-1/0.png').ok).toBe(false);
  });

  it('serves only exports/ and cache/ of the case, never the store or the originals', () => {
    expect(parseAssetPath('file/exports/a.png')).toEqual({ ok: true, route: { kind: 'file', folder: 'exports', rel: 'a.png' } });
    expect(parseAssetPath('file/evidence/abc').ok).toBe(false);
    expect(parseAssetPath('case.sqlite').ok).toBe(false);
    const r = parseAssetPath('file/exports/..%2f..%2fcase.sqlite');
    expect(r.ok).toBe(true);
    if (r.ok && r.route.kind === 'file') expect(resolveCaseFile('/srv/case-x', r.route).ok).toBe(false);
  });
});
