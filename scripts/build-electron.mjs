#!/usr/bin/env node
// Bundles the Electron shell (main/app) into dist-electron/: main.mjs (ESM main process) and
// preload.cjs (the sandboxed preload must be a single CommonJS file). The engine itself is not
// bundled: main.mjs loads main/services/index.ts through tsx at start, like the CLI does, so engine
// worker threads keep their own module URLs.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

export async function buildElectron(outdir = path.join(root, 'dist-electron')) {
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  await build({
    ...common,
    entryPoints: ['main/app/main.ts'],
    outfile: path.join(outdir, 'main.mjs'),
    format: 'esm',
    // node_modules (electron, zod, tsx) resolve at run time; the engine is loaded through tsx.
    packages: 'external',
  });
  await build({
    ...common,
    entryPoints: ['main/app/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
  return outdir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outdir = await buildElectron();
  console.log(`shell bundled into ${path.relative(process.cwd(), outdir)}/`);
}
