#!/usr/bin/env node
// `npm start`: builds the renderer and the shell, makes sure an Electron-ABI build of better-sqlite3
// exists, then starts Electron with SHOKO_SQLITE_BINDING pointing at it. The Node build in
// node_modules/better-sqlite3/build (used by the CLI and the tests) is never touched.
// Electron 45 downloads its own binary on first start (needs internet once).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildElectron } from './build-electron.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const { arch, platform } = process;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', ...opts });
  return r.status === 0;
}

/** .cache/electron-sqlite/<electron>-<platform>-<arch>/better_sqlite3.node, built once. */
function ensureElectronSqlite() {
  const target = path.join(root, '.cache/electron-sqlite', `${electronVersion}-${platform}-${arch}`);
  const binding = path.join(target, 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(target, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  // A private copy of the package sources: prebuild-install / node-gyp write into its build/.
  fs.cpSync(src, work, { recursive: true, filter: (p) => !p.startsWith(path.join(src, 'build')) });
  console.log(`shoko: building better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}) in ${path.relative(root, work)}`);
  const bin = (name) => path.join(root, 'node_modules/.bin', name);
  const prebuilt = run(bin('prebuild-install'), ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`], { cwd: work });
  if (!prebuilt) {
    const built = run(bin('node-gyp'), ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers'], { cwd: work });
    if (!built) throw new Error('could not obtain an Electron build of better-sqlite3 (needs internet, or a C++ toolchain for node-gyp)');
  }
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), binding);
  return binding;
}

run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts'], { cwd: root }) ||
  process.exit(1);
await buildElectron();
const binding = ensureElectronSqlite();
const electron = require('electron'); // path of the binary; downloaded here on first use
const child = spawn(electron, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SHOKO_SQLITE_BINDING: binding },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
