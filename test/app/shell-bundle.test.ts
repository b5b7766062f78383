import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.mjs';

// The shell as Electron would load it: the bundles esbuild makes from main/app.
let out: string;
beforeAll(async () => {
  out = await buildElectron(fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-shell-')));
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const specifiers = (code: string, re: RegExp) => [...code.matchAll(re)].map((m) => m[1]);

describe('the bundled shell', () => {
  it('preload is one CommonJS file that requires nothing but electron', () => {
    const code = fs.readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    expect(new Set(specifiers(code, /require\(["']([^"']+)["']\)/g))).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
    expect(code).toContain('shoko:invoke');
    expect(code).not.toMatch(/\bzod\b/);
  });

  it('main imports only electron, node built-ins and runtime packages; the engine is loaded through tsx at start', () => {
    const code = fs.readFileSync(path.join(out, 'main.mjs'), 'utf8');
    const imports = specifiers(code, /^import\s[^'"]*["']([^"']+)["'];?$/gm);
    expect(imports).toContain('electron');
    for (const spec of imports) expect(spec).toMatch(/^(electron|node:[a-z_/]+|path|url|fs|zod)$/);
    expect(code).toContain('tsx/esm/api');
    expect(code).toContain('main/services/index.ts');
    expect(code).not.toContain('better-sqlite3');
  });
});
