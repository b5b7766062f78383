import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../common/errors';
import type { CaseHandle } from './case-folder';

/**
 * The real path of `p` as it would be once created: the nearest existing ancestor resolved through every
 * link, then the rest of the path as given. A symlinked case folder or --out must not slip past a check
 * that compares spellings.
 */
export function realTarget(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return abs;
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

function inside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Refuses an output path (a redacted export, a render, a package, a claims bundle) that is, or would
 * land, inside the case's evidence folder, comparing real paths: evidence/ holds originals only.
 */
export function refuseOutputInEvidence(c: Pick<CaseHandle, 'evidenceDir'>, out: string, what: string): void {
  const target = realTarget(out);
  if (inside(target, realTarget(c.evidenceDir))) {
    throw badInput(`${out}: ${what} cannot be written inside the case's evidence folder (${c.evidenceDir}), which holds the originals only`);
  }
}
