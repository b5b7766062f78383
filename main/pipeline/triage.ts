import fs from 'node:fs';
import path from 'node:path';
import type { Progress, ProgressFn } from '../../shared/model/progress';
import { initCase } from '../case/case-folder';
import { badInput, throwIfCancelled, notFound } from '../common/errors';
import { importLeakList } from '../detect/leaks/import-list';
import { buildPackage, type PackageResult } from '../evidence/bag/build-package';
import { collectCaseFindings, type CaseFindings } from '../evidence/bag/case-findings';
import { verifyPackage } from '../evidence/bag/verify-package';
import { addEvidence } from '../evidence/intake';
import { exportRedacted } from '../redact/export-redacted';
import { notReadWholeLine, scanCase, type OcrMode } from './scan';
import { unlocatedFields, unlocatedFieldsLine } from '../detect/store/unlocated-fields';

export interface TriageOptions {
  files: string[];
  leaks: string;
  /** Record-key column of the leak list (default: data row number). */
  key?: string;
  out: string;
  caseName?: string;
  caseNumber?: string;
  examiner?: string;
  organization?: string;
  source?: string;
  ocr?: OcrMode;
  /** Write the package as package.zip instead of a folder. */
  zip?: boolean;
  onProgress?: ProgressFn;
  /** One line per finished step (stderr in the CLI). */
  onStep?: (line: string) => void;
  signal?: AbortSignal;
}

export interface TriageSummary {
  caseDir: string;
  items: number;
  recordsInList: number;
  recordsPresent: number;
  pagesWithHits: number;
  piiHits: number;
  redactedFiles: number;
  package: PackageResult;
  verified: boolean;
  verifyFailure?: string;
  /** "2 of 5 items not read whole: 1 failed, 1 partial" when any item was failed, protected or partial (exit 1). */
  notReadWhole: string | null;
  /** Fields of found records not located on some OCR pages (see unlocated-fields.ts), or null. */
  notSure: string | null;
}

const STEPS = ['init', 'add', 'leaks', 'scan', 'redact', 'package', 'verify'] as const;

/**
 * `shoko triage`: the whole flow in one go — a new case in <out>/case, the files added, the leak list
 * imported, every item scanned (text, OCR where needed, matching), every page with a non-dismissed hit
 * exported redacted (PNG, verified by re-reading), the evidence package built in <out>/package and
 * verified. Each step is the same service the single commands use; a failing step stops the run with
 * its own error.
 */
export async function runTriage(opts: TriageOptions): Promise<TriageSummary> {
  const out = path.resolve(opts.out);
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    throw badInput(`${out}: exists and is not an empty folder; triage writes a new case and package there`);
  }
  if (!fs.existsSync(path.resolve(opts.leaks))) throw notFound(`${path.resolve(opts.leaks)}: no such leak list`);
  fs.mkdirSync(out, { recursive: true });
  // Progress carries which step of the run it belongs to, so one line (or bar) shows the whole run.
  let running = 1;
  const step = (n: number, text: string) => { running = n + 2; opts.onStep?.(`[${n + 1}/${STEPS.length}] ${STEPS[n]}: ${text}`); };
  const onProgress = opts.onProgress && ((p: Progress) => opts.onProgress!({ ...p, step: running, steps: STEPS.length }));
  const hooks = { onProgress, signal: opts.signal };

  const c = initCase(path.join(out, 'case'), {
    name: opts.caseName ?? `Triage ${new Date().toISOString().slice(0, 10)}`,
    caseNumber: opts.caseNumber, examiner: opts.examiner, organization: opts.organization,
  });
  try {
    step(0, `case created in ${c.dir}`);
    const added = await addEvidence(c, opts.files, { source: opts.source, ...hooks });
    step(1, `${added.length} file(s) hashed and copied into the case`);
    throwIfCancelled(opts.signal);
    const list = await importLeakList(c, opts.leaks, { key: opts.key, ...hooks });
    step(2, `${list.records} records imported from ${path.basename(list.file)} (keyed hashes only)`);
    const scan = await scanCase(c, { ocr: opts.ocr ?? 'auto', ...hooks });
    const present = scan.items.reduce((n, i) => n + (i.detect?.recordsPresent ?? 0), 0);
    const notReadWhole = notReadWholeLine(scan);
    const notSure = unlocatedFieldsLine(unlocatedFields(c.db));
    step(3, `${scan.ok} item(s) read whole, ${scan.partial} partial, ${scan.protected} protected, ${scan.failed} failed; ${present} record(s) present`);

    // Redact every page that holds a hit the reviewer has not dismissed.
    // The pages, straight from the store: the masked hit report of a seed-scale book is 190,000 objects.
    const pagesByItem = new Map<number, Set<number>>();
    const hitPages = c.db.prepare("SELECT DISTINCT item_id, page_index FROM hit WHERE status <> 'dismissed' ORDER BY item_id, page_index").all() as { item_id: number; page_index: number }[];
    for (const o of hitPages) {
      const set = pagesByItem.get(o.item_id) ?? new Set<number>();
      set.add(o.page_index + 1);
      pagesByItem.set(o.item_id, set);
    }
    let redactedFiles = 0;
    for (const [itemId, pages] of pagesByItem) {
      throwIfCancelled(opts.signal);
      const r = await exportRedacted(c, {
        format: 'png', itemId, pages: [...pages].sort((a, b) => a - b).join(','), status: 'all-hits',
        outDir: path.join(c.exportsDir, `redacted-item-${itemId}`),
      }, hooks);
      redactedFiles += r.exports.length;
    }
    step(4, pagesByItem.size ? `${redactedFiles} redacted page image(s), each re-read and verified` : 'no hits: nothing to redact');

    let summary: CaseFindings['summary'] | null = null;
    const pkg = await buildPackage(c, { out: path.join(out, opts.zip ? 'package.zip' : 'package'), ...hooks, onFindings: (f) => { summary = f.summary; } });
    step(5, `${pkg.path} (tag manifest ${pkg.tagmanifestSha256.slice(0, 16)}…)`);
    const v = await verifyPackage(pkg.path, hooks);
    step(6, v.ok ? 'package verified' : `package NOT verified: ${v.failure}`);

    // The package's findings (read once there), not a second read of every hit.
    const f = summary ?? collectCaseFindings(c).summary;
    return {
      caseDir: c.dir, items: f.items, recordsInList: f.recordsInList, recordsPresent: f.recordsPresent,
      pagesWithHits: f.pagesWithHits, piiHits: f.piiHits, redactedFiles, package: pkg, verified: v.ok, verifyFailure: v.failure,
      notReadWhole, notSure,
    };
  } finally {
    c.close();
  }
}

export function formatTriageSummary(s: TriageSummary): string {
  return [
    `triage done: ${s.caseDir}`,
    `  evidence items            ${s.items}`,
    `  leaked records present    ${s.recordsPresent} of ${s.recordsInList} in the list`,
    `  pages with hits           ${s.pagesWithHits}`,
    `  other personal-data hits  ${s.piiHits}`,
    `  redacted page images      ${s.redactedFiles}`,
    `  package                   ${s.package.path}`,
    `  report                    ${s.package.kind === 'dir' ? path.join(s.package.path, 'data/report/report.pdf') : 'data/report/report.pdf inside the zip'}`,
    `  verified                  ${s.verified ? 'yes' : `NO: ${s.verifyFailure}`}`,
    ...(s.notReadWhole ? [s.notReadWhole] : []),
    ...(s.notSure ? [s.notSure] : []),
  ].join('\n');
}
