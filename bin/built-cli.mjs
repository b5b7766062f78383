// Whether the bundled CLI (dist-cli/, built by scripts/build-cli.mjs) can be used: it must exist and
// every source it was built from must still have the size and modification time it had then. A
// changed, added-to or deleted source means the bundle is stale and the sources run instead.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

/** file: URL of dist-cli/shoko.mjs when it is up to date with the sources, else null (with the reason). */
export function builtCli(dir = path.join(ROOT, 'dist-cli')) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'inputs.json'), 'utf8'));
  } catch {
    return { url: null, reason: `${dir} has not been built (npm run build:cli)` };
  }
  for (const [rel, want] of Object.entries(manifest.inputs)) {
    const st = fs.statSync(path.join(ROOT, rel), { throwIfNoEntry: false });
    if (!st || st.size !== want.size || st.mtimeMs !== want.mtimeMs) return { url: null, reason: `${rel} changed since the CLI was bundled` };
  }
  return { url: pathToFileURL(path.join(dir, 'shoko.mjs')).href, reason: null };
}
