import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tmpDir } from '../helpers/paths';

// The security scan `npm test` runs (scripts/security-scan.cjs = Electronegativity, offline).
const SCRIPT = path.join(REPO_ROOT, 'scripts/security-scan.cjs');
const NO_NETWORK = path.join(REPO_ROOT, 'test/ocr/fixtures/no-network.cjs');

function scan(args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000,
    // Belt and braces: the preload makes any socket, DNS lookup or fetch throw, even if the script's own guard failed.
    env: { ...process.env, NODE_OPTIONS: `--require ${NO_NETWORK}` },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder with one main-process file and no package.json: the scanner then assumes the least safe
 * Electron defaults, as when a reviewer points it at a source folder. */
function appFolder(mainJs: string): string {
  const dir = tmpDir('shoko-scan-fixture-');
  fs.writeFileSync(path.join(dir, 'main.js'), mainJs);
  return dir;
}

describe('Electronegativity security scan', () => {
  it('passes on the app: no HIGH finding, every file parsed, no network', () => {
    const r = scan([]);
    expect(r.err).not.toMatch(/network/);
    expect(r.out).not.toMatch(/network/);
    expect(r.out).toMatch(/36 atomic \+ \d+ global checks/);
    expect(r.out).not.toMatch(/^HIGH/m);
    expect(r.out).not.toMatch(/UNPARSED/);
    expect(r.out).toContain('ok: no HIGH finding');
    expect(r.code).toBe(0);
  });

  it('main/app alone (no package.json, least safe defaults assumed) has no HIGH finding either', () => {
    const r = scan([path.join(REPO_ROOT, 'main/app')]);
    expect(r.out).not.toMatch(/^HIGH/m);
    expect(r.code).toBe(0);
  });

  it('fails on a window without context isolation (so the passes above mean something)', () => {
    const dir = appFolder(`const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
`);
    const r = scan([dir]);
    expect(r.out).toMatch(/^HIGH +\S+ +CONTEXT_ISOLATION_JS_CHECK +main\.js:2/m);
    expect(r.out).toMatch(/NODE_INTEGRATION_JS_CHECK +main\.js:2/m);
    expect(r.out).toMatch(/FAIL: \d+ HIGH finding/);
    expect(r.code).toBe(1);
  });

  it('fails where the options come from a helper it cannot follow (what main.ts did before)', () => {
    const dir = appFolder(`const { BrowserWindow } = require('electron');
const options = () => ({ webPreferences: { contextIsolation: true, nodeIntegration: false } });
new BrowserWindow(options());
`);
    const r = scan([dir]);
    // The two findings.
    expect(r.out).toMatch(/^HIGH +\S+ +NODE_INTEGRATION_JS_CHECK +main\.js:3/m);
    expect(r.out).toMatch(/^HIGH +\S+ +CONTEXT_ISOLATION_JS_CHECK +main\.js:3/m);
    expect(r.code).toBe(1);
  });

  it('fails on a file it cannot parse (an unparsed file is an unchecked file)', () => {
    const dir = appFolder('new BrowserWindow({ webPreferences: { nodeIntegration: false \n');
    const r = scan([dir]);
    expect(r.out).toMatch(/UNPARSED +main\.js/);
    expect(r.code).toBe(1);
  });
});
