import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../shared/model/progress';
import type { CaseHandle } from '../case/case-folder';
import { listEvidenceItems } from '../case/evidence-items';
import { readAnchor, ANCHOR_FILE } from './custody-anchor';
import { listCustodyEvents, verifyCustodyChain, type CustodyEvent } from './custody-log';
import { checkStateAgainstLog } from './verify-case-state';
import { hashFile, sha256File } from './hashing';
import { isIncomingName } from './intake';
import { describeNonFile, inspectEvidenceEntry } from '../case/evidence-file';
import { readableName } from './raw-names';

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
  const folder = inspectEvidenceEntry(c.evidenceDir);
  if (folder.kind === 'link') checks.push({ ok: false, what: `evidence/ is ${describeNonFile(folder)}`, detail: `${c.evidenceDir}: the originals must be inside the case; links are refused, never followed` });
  const items = listEvidenceItems(c.db);
  const known = new Set(items.map((i) => i.sha256));
  items.forEach((item, n) => {
    const label = `item ${item.id} ${item.name}`;
    // Not c.evidencePath: that refuses a link by throwing, and verify names every bad entry instead.
    if (!/^[0-9a-f]{64}$/.test(item.sha256)) {
      checks.push({ ok: false, what: `${label}: evidence file`, detail: `the store's sha256 is not a SHA-256: ${JSON.stringify(item.sha256)}` });
      return;
    }
    const file = path.join(c.evidenceDir, item.sha256);
    const entry = inspectEvidenceEntry(file);
    if (entry.kind === 'missing') {
      checks.push({ ok: false, what: `${label}: evidence file`, detail: `missing: ${file}` });
      return;
    }
    if (entry.kind !== 'file') {
      checks.push({ ok: false, what: `${label}: evidence file is ${describeNonFile(entry)}`, detail: `${file}: links and special files in evidence/ are refused, never followed` });
      return;
    }
    const h = hashFile(file, { signal: opts.signal, noFollow: true });
    opts.onProgress?.({ phase: 'verify', done: n + 1, total: items.length, subject: item.name });
    const bad = (['sha256', 'sha1', 'md5', 'size'] as const).filter((k) => h[k] !== item[k]);
    checks.push(bad.length === 0
      ? { ok: true, what: `${label}: sha256/sha1/md5 and size match`, detail: item.sha256 }
      : { ok: false, what: `${label}: evidence file altered`, detail: `${bad.join(', ')} differ (${file})` });
    if (entry.nlink > 1) checks.push({ ok: true, what: `warning: ${label}: the evidence file has ${entry.nlink} hard links`, detail: `another name (perhaps outside the case) shares its data, and whoever can write through it changes the evidence; it hashes as recorded now (${file})` });
  });
  for (const raw of fs.readdirSync(c.evidenceDir, { encoding: 'buffer' })) {
    const name = readableName(raw).text;
    if (known.has(name)) continue;
    const entry = inspectEvidenceEntry(Buffer.concat([Buffer.from(c.evidenceDir + path.sep), raw]));
    if (entry.kind === 'link' || entry.kind === 'other') checks.push({ ok: false, what: `evidence/${name} is ${describeNonFile(entry)}`, detail: 'evidence/ holds plain files only; links and special files are refused, never followed' });
    else if (isIncomingName(name)) checks.push({ ok: true, what: `leftover of an interrupted intake ignored: ${name}` });
    else checks.push({ ok: true, what: `unregistered file in evidence/ (interrupted intake, not evidence): ${name}` });
  }
  checks.push(...verifyExports(c));
  const events = listCustodyEvents(c.db);
  const chain = verifyCustodyChain(events);
  checks.push(chain.ok
    ? { ok: true, what: `custody log: ${chain.events} events, chain intact`, detail: `head ${chain.head}` }
    : { ok: false, what: `custody log broken at event ${chain.brokenAt}`, detail: chain.reason });
  checks.push(...checkAnchor(c.dir, events));
  checks.push(...checkStateAgainstLog(c.db, events));
  const first = checks.find((x) => !x.ok);
  return { ok: !first, checks, failure: first ? `${first.what}${first.detail ? `: ${first.detail}` : ''}` : undefined };
}

/**
 * The chain's length against the signed anchor beside the store (custody-anchor.ts): a log shorter than
 * its anchor, or with another event at the anchored position, lost or rewrote events.
 */
export function checkAnchor(dir: string, events: readonly CustodyEvent[]): CheckLine[] {
  if (events.length === 0) return [];
  const r = readAnchor(dir);
  const lastSeq = events[events.length - 1].seq;
  if (r.kind === 'missing') return [{ ok: false, what: `custody anchor missing: ${ANCHOR_FILE} is not beside the store`, detail: 'the log\'s length cannot be proven; events may have been removed from its end' }];
  if (r.kind === 'bad') return [{ ok: false, what: 'custody anchor invalid', detail: r.reason }];
  const a = r.anchor;
  if (a.events > lastSeq) return [{ ok: false, what: `custody log truncated: the anchor records ${a.events} events, the store holds ${lastSeq}`, detail: `events ${lastSeq + 1}–${a.events} were removed (anchored head ${a.head})` }];
  const at = events.find((e) => e.seq === a.events);
  if (!at || at.hash !== a.head) return [{ ok: false, what: `custody log rewritten: event ${a.events} is not the one anchored`, detail: `anchored head ${a.head}, store ${at?.hash ?? 'none'}` }];
  const out: CheckLine[] = [{ ok: true, what: `custody anchor: ${a.events} events, head matches, signed by ${a.keyFingerprint}`, detail: `${ANCHOR_FILE}, written ${a.at}` }];
  if (a.events < lastSeq) out.push({ ok: true, what: `note: events ${a.events + 1}–${lastSeq} were logged after the last anchor (a process stopped before writing it); their removal could not be detected` });
  if (a.since > 1) out.push({ ok: true, what: `note: the anchor starts at event ${a.since}: the log's length before it is not proven (case made before anchoring, or the anchor file was deleted and re-created)` });
  return out;
}

/**
 * Redacted exports are outputs given to others: one altered after export fails verification.
 * One that was moved or deleted is reported, not failed: the case cannot own files outside it.
 */
function verifyExports(c: CaseHandle): CheckLine[] {
  const hasTable = c.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'export'").get();
  if (!hasTable) return [];
  const rows = c.db.prepare('SELECT id, path, sha256 FROM export ORDER BY id').all() as { id: number; path: string; sha256: string }[];
  return rows.map((r) => {
    const file = path.isAbsolute(r.path) ? r.path : path.join(c.dir, r.path);
    if (!fs.existsSync(file)) return { ok: true, what: `export ${r.id}: not found (moved or deleted since export)`, detail: file };
    const now = sha256File(file);
    return now === r.sha256
      ? { ok: true, what: `export ${r.id} ${path.basename(file)}: sha256 matches`, detail: r.sha256 }
      : { ok: false, what: `export ${r.id} ${path.basename(file)}: altered since export`, detail: `sha256 ${now} ≠ ${r.sha256} (${file})` };
  });
}
