import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// Recorded with every extracted page so a result can be traced to the exact engine that made it.
// mupdf does not export its package.json; find it beside the resolved entry (dist/mupdf.js).
function mupdfVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('mupdf');
    return (JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export const MUPDF_ENGINE = `mupdf.js ${mupdfVersion()}`;
