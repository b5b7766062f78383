// Debian's Chromium for the e2e runs: where it is, how it is started (offline, no sandbox in CI
// containers), and the production build of the renderer it loads.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'dist/renderer');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function findChromium(): string {
  const fromEnv = process.env.SHOKO_CHROMIUM;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`SHOKO_CHROMIUM=${fromEnv} does not exist: point it at a Chromium binary, or unset it and install Debian's \`chromium\` package`);
    return fromEnv;
  }
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c) => fs.existsSync(c));
  if (!found) throw new Error('e2e needs Chromium: install Debian\'s `chromium` package (apt-get install chromium) or set SHOKO_CHROMIUM to a Chromium binary');
  return found;
}

/**
 * What every e2e file does first: find Chromium, empty its screenshot folder, build the renderer, make a
 * work folder, and keep the examiner's signing key (made per installation) out of the real home.
 */
export function prepareE2e(out: string, workPrefix: string): { executablePath: string; work: string } {
  const executablePath = findChromium();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  buildRenderer();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), workPrefix));
  process.env.SHOKO_HOME = path.join(work, 'home');
  return { executablePath, work };
}

/** The production build, as the app ships it (vitest's NODE_ENV=test would give React's dev build). */
export function buildRenderer(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' });
}
