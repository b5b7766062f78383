import fs from 'node:fs';
import type { ProgressFn } from '../../shared/model/progress';
import type { CaseHandle } from '../case/case-folder';
import { listEvidenceItems } from '../case/evidence-items';
import { listCustodyEvents, verifyCustodyChain } from './custody-log';
import { hashFile } from './hashing';
import { isIncomingName } from './intake';

export interface CheckLine {
  ok: boolean;
  what: string;
  detail?: string;
}

export interface CaseVerification {
  ok: boolean;
  checks: CheckLine[];
  /** The first failure, in words, when not ok. */
  failure?: string;
}

/**
 * Re-hashes every evidence file against the store and re-walks the custody chain.
 * Leftovers of an interrupted intake are reported as notes; they are not evidence and do not fail.
 */
export function verifyCase(c: CaseHandle, opts: { onProgress?: ProgressFn; signal?: AbortSignal } = {}): CaseVerification {
  const checks: CheckLine[] = [];
  const items = listEvidenceItems(c.db);
  const known = new Set(items.map((i) => i.sha256));
  items.forEach((item, n) => {
    const file = c.evidencePath(item.sha256);
    const label = `item ${item.id} ${item.name}`;
    if (!fs.existsSync(file)) {
      checks.push({ ok: false, what: `${label}: evidence file`, detail: `missing: ${file}` });
      return;
    }
    const h = hashFile(file, { signal: opts.signal });
    opts.onProgress?.({ phase: 'verify', done: n + 1, total: items.length, subject: item.name });
    const bad = (['sha256', 'sha1', 'md5', 'size'] as const).filter((k) => h[k] !== item[k]);
    checks.push(bad.length === 0
      ? { ok: true, what: `${label}: sha256/sha1/md5 and size match`, detail: item.sha256 }
      : { ok: false, what: `${label}: evidence file altered`, detail: `${bad.join(', ')} differ (${file})` });
  });
  for (const name of fs.readdirSync(c.evidenceDir)) {
    if (isIncomingName(name)) checks.push({ ok: true, what: `leftover of an interrupted intake ignored: ${name}` });
    else if (!known.has(name)) checks.push({ ok: true, what: `unregistered file in evidence/ (interrupted intake, not evidence): ${name}` });
  }
  const chain = verifyCustodyChain(listCustodyEvents(c.db));
  checks.push(chain.ok
    ? { ok: true, what: `custody log: ${chain.events} events, chain intact`, detail: `head ${chain.head}` }
    : { ok: false, what: `custody log broken at event ${chain.brokenAt}`, detail: chain.reason });
  const first = checks.find((x) => !x.ok);
  return { ok: !first, checks, failure: first ? `${first.what}${first.detail ? `: ${first.detail}` : ''}` : undefined };
}
