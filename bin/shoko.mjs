#!/usr/bin/env node
// The `shoko` command. Runs the bundle in dist-cli/ (built at `npm install`, or `npm run build:cli`)
// while it matches the sources, else the TypeScript sources through tsx (≈2 s more start-up, same
// behaviour). SHOKO_CLI=sources or SHOKO_CLI=built forces one (built: refused when out of date).
import { builtCli } from './built-cli.mjs';

const want = process.env.SHOKO_CLI;
const built = want === 'sources' ? { url: null } : builtCli();
if (want === 'built' && !built.url) {
  process.stderr.write(`shoko: SHOKO_CLI=built, but ${built.reason}\n`);
  process.exit(2);
}
let main;
if (built.url) {
  ({ main } = await import(built.url));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli/main.ts'));
}
process.exitCode = await main(process.argv);
