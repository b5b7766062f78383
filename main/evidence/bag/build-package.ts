import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../../shared/model/progress';
import type { CaseHandle } from '../../case/case-folder';
import { APP_NAME, APP_VERSION } from '../../common/app-version';
import { canonicalJson } from '../../common/canonical-json';
import { now } from '../../common/clock';
import { badInput, oneLine, ShokoError, throwIfCancelled, verificationFailed, notFound } from '../../common/errors';
import { renderReportHtml } from '../../report/report-html';
import { renderReportPdf } from '../../report/report-pdf';
import { keyPageScreenshots } from '../../report/report-screenshots';
import { appendCustodyEvent } from '../custody-log';
import { sha256File, sha256Hex } from '../hashing';
import { loadOrCreateExaminerKey, signBytes, type ExaminerKey } from '../signing/examiner-key';
import { createTimestampRequest, newTimestampNonce } from '../timestamp/timestamp-request';
import { listBagFiles } from './bag-files';
import { BagWriter, buildAtomically } from './bag-writer';
import { zipBagDir } from './bag-zip';
import { collectCaseFindings, type CaseFindings } from './case-findings';
import { compactJson } from './compact-json';
import { buildFindingsJson } from './findings-json';
import { buildProvenance, type ProvenanceFile } from './provenance';
import { safeFileName, UniqueNames } from './safe-names';
import { SHOKO_INFO } from './verify-package';
import { verifyInstructions } from '../../report/verify-instructions';
import { buildClaims } from '../../claims/build-claims';
import { claimsFiles, claimsJsonChunks } from '../../claims/claims-files';

export interface PackageOptions {
  out: string;
  /** Copy the originals into data/originals/ (default yes). */
  includeOriginals?: boolean;
  /** Only redacted material: no originals (findings and report are masked in every package). */
  redactedOnly?: boolean;
  contactName?: string;
  contactEmail?: string;
  description?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Sees the findings the package reports, once read (triage prints their summary without reading them again). */
  onFindings?: (f: CaseFindings) => void;
}

export interface PackageResult {
  path: string;
  kind: 'dir' | 'zip';
  /** SHA-256 of bag.zip (null for a folder: its tag manifest stands for it). */
  sha256: string | null;
  tagmanifestSha256: string;
  payloadOxum: string;
  keyFingerprint: string;
  files: number;
  /** What data/claims/ holds, or why the package has no claims (docs/claims.md). */
  claims: string;
}

const TOOL = { name: APP_NAME, version: APP_VERSION };

/**
 * `shoko package`: the case as a BagIt 1.0 bag (folder or bag.zip) with originals, redacted exports,
 * findings, provenance, custody log and report, signed with the examiner key and with an RFC 3161
 * request ready for a TSA. Built beside the target and moved into place when complete; the build is a
 * custody event before (so the bag's own log shows it) and after (with the bag's hashes).
 */
export async function buildPackage(c: CaseHandle, opts: PackageOptions): Promise<PackageResult> {
  const target = path.resolve(opts.out);
  const kind: 'dir' | 'zip' = target.toLowerCase().endsWith('.zip') ? 'zip' : 'dir';
  if (isInside(target, c.evidenceDir)) throw badInput(`${target}: a package cannot be written inside the case's evidence folder`);
  if (fs.existsSync(target)) throw badInput(`${target}: already exists; choose a new name for the package`);
  // Checked here too (buildAtomically checks again) so a bad --out is refused before package.started is logged.
  if (!fs.existsSync(path.dirname(target))) throw notFound(`${path.dirname(target)}: no such folder for the package`);
  const includeOriginals = opts.redactedOnly ? false : opts.includeOriginals ?? true;
  const key = loadOrCreateExaminerKey();
  const progress = (phase: string, done: number, total?: number, subject?: string) => opts.onProgress?.({ phase, done, total, subject });

  appendCustodyEvent(c.db, {
    action: 'package.started',
    details: { out: target, kind, includeOriginals, redactedOnly: Boolean(opts.redactedOnly), keyFingerprint: key.fingerprint, appVersion: APP_VERSION },
  });
  // From here on an attempt is on record, so its end must be too: package.built, or package.failed.
  try {
    return await buildStarted(c, opts, { target, kind, includeOriginals, key, progress });
  } catch (err) {
    logPackageFailed(c, target, kind, err, opts.signal);
    throw err;
  }
}

interface StartedBuild {
  target: string;
  kind: 'dir' | 'zip';
  includeOriginals: boolean;
  key: ExaminerKey;
  progress: (phase: string, done: number, total?: number, subject?: string) => void;
}

/** Everything after package.started: the bag staged, moved into place, then recorded. */
async function buildStarted(c: CaseHandle, opts: PackageOptions, { target, kind, includeOriginals, key, progress }: StartedBuild): Promise<PackageResult> {
  const t = now();
  const bagName = kind === 'zip' ? safeFileName(path.basename(target, path.extname(target)), 'bag') : 'bag';
  let claimsNote = '';

  const built = await buildAtomically<{ tagmanifestSha256: string; payloadOxum: string; sha256: string | null; files: number }>(target, async (staging) => {
    const bagDir = path.join(staging, bagName);
    const bag = new BagWriter(bagDir, { onProgress: opts.onProgress, signal: opts.signal });
    const provenanceFiles: ProvenanceFile[] = [];
    const addGenerated = (rel: string, bytes: string | Uint8Array) => {
      const d = bag.addPayloadBytes(rel, bytes);
      provenanceFiles.push({ bagPath: `data/${rel}`, size: d.size, sha256: d.sha256, sha512: d.sha512 });
    };

    // Claims (docs/claims.md): what a platform can check without the list. The list is re-read for them; a
    // list that moved or is gone leaves the package without claims, and the result says why. Made first and
    // let go once written: at seed scale the claims and the case's findings are each hundreds of megabytes.
    progress('package claims', 0);
    {
      const claims = await buildClaims(c, { signal: opts.signal });
      const claimed = claims.sets.filter((set) => set.doc.claims.length);
      if (claimed.length) {
        // claims.json is written as it is produced (240 MB at seed scale); the small files as they are.
        const streamed = new Map(claimed.map((set) => [`list-${set.setId}/claims.json`, set.doc] as const));
        for (const [rel, bytes] of claimsFiles({ ...claims, sets: claimed }, { without: new Set(streamed.keys()) })) addGenerated(`claims/${rel}`, bytes);
        for (const [rel, doc] of streamed) {
          const d = bag.addPayloadChunks(`claims/${rel}`, claimsJsonChunks(doc));
          provenanceFiles.push({ bagPath: `data/claims/${rel}`, size: d.size, sha256: d.sha256, sha512: d.sha512 });
        }
      }
      claimsNote = claimed.length
        ? `${claimed.reduce((n, set) => n + set.doc.records, 0)} record(s) claimed in data/claims/`
        : `no claims${claims.skipped.length ? `: ${claims.skipped.map((k) => `${k.list}: ${k.reason}`).join('; ')}` : ' (no record found present)'}`;
    }

    const findings = collectCaseFindings(c);
    opts.onFindings?.(findings);

    // Originals: bit-exact copies, checked against the hash recorded at intake.
    const originalNames = new Map<number, string>();
    if (includeOriginals) {
      const names = new UniqueNames();
      for (const [n, it] of findings.items.entries()) {
        throwIfCancelled(opts.signal);
        const name = names.take(safeFileName(it.item.name, `item-${it.item.id}`));
        progress('package originals', n, findings.items.length, name);
        const d = bag.addPayloadFile(`originals/${name}`, c.evidencePath(it.item.sha256), name);
        if (d.sha256 !== it.item.sha256) {
          throw verificationFailed(`evidence item ${it.item.id} (${it.item.name}): its copy in the case hashes to ${d.sha256}, not the ${it.item.sha256} recorded at intake; run 'shoko verify' on the case`);
        }
        originalNames.set(it.item.id, name);
        provenanceFiles.push({ bagPath: `data/originals/${name}`, size: d.size, sha256: d.sha256, sha512: d.sha512, sha1: it.item.sha1, md5: it.item.md5, itemId: it.item.id });
      }
    }

    // Redacted exports, each checked against the hash recorded when it was written.
    const redacted: Array<{ bagPath: string; sha256: string; size: number; item: number | null; pages: number[]; format: string }> = [];
    const rnames = new UniqueNames();
    for (const e of findings.exports) {
      throwIfCancelled(opts.signal);
      const name = rnames.take(safeFileName(e.name, 'export'));
      const d = bag.addPayloadFile(`redacted/${name}`, e.file, name);
      if (e.sha256 && d.sha256 !== e.sha256) throw verificationFailed(`redacted export ${e.file}: hashes to ${d.sha256}, not the ${e.sha256} recorded at export`);
      redacted.push({ bagPath: `data/redacted/${name}`, sha256: d.sha256, size: d.size, item: e.itemId, pages: e.pages.map((p) => p + 1), format: e.format });
      provenanceFiles.push({ bagPath: `data/redacted/${name}`, size: d.size, sha256: d.sha256, sha512: d.sha512 });
    }

    progress('package findings', 0);
    const findingsJson = `${compactJson(buildFindingsJson(findings, { generatedAt: t.utc, tool: TOOL, originalNames, redacted }), 4)}\n`;
    addGenerated('findings.json', findingsJson);
    addGenerated('custody-log.jsonl', findings.custody.map((e) => `${canonicalJson(e)}\n`).join(''));

    progress('package report', 0);
    const report = {
      findings, generatedAt: t.utc, tzOffsetMin: t.offsetMin, tool: `${APP_NAME} ${APP_VERSION}`, keyFingerprint: key.fingerprint,
      includeOriginals, screenshots: keyPageScreenshots(findings), originalNames,
    };
    addGenerated('report/report.html', renderReportHtml(report));
    throwIfCancelled(opts.signal);
    addGenerated('report/report.pdf', renderReportPdf(report));
    addGenerated('report/VERIFY.txt', verifyInstructions({ caseNumber: findings.case.caseNumber, keyFingerprint: key.fingerprint }));
    bag.addPayloadBytes('provenance.jsonld', `${JSON.stringify(buildProvenance(findings, TOOL, provenanceFiles), null, 2)}\n`);
    // Every payload file on disk before the manifests that describe it (fsyncs in parallel, not one by one).
    await bag.flush();

    bag.addTagFile('signature/public-key.pem', key.publicKeyPem);
    bag.addTagFile('signature/fingerprint.txt', `${key.fingerprint}\n`);
    const s = findings.summary;
    // Chosen before sealing and named in bag-info.txt, so the request cannot be removed or swapped unnoticed.
    const nonce = newTimestampNonce();
    const last = findings.custody[findings.custody.length - 1];
    const tagmanifest = bag.finish({
      sourceOrganization: findings.case.organization ?? '',
      contactName: opts.contactName ?? findings.case.examiner ?? '',
      contactEmail: opts.contactEmail ?? '',
      externalIdentifier: findings.case.caseNumber ?? findings.case.caseUuid,
      externalDescription: opts.description ?? `Shoko evidence package for "${findings.case.name}": ${s.items} evidence item(s), ${s.recordsPresent} leaked record(s) found present${includeOriginals ? '' : ', originals not included'}`,
      baggingDate: localDate(t.utc, t.offsetMin),
      bagSoftwareAgent: `${APP_NAME} ${APP_VERSION}`,
      bagCount: '1 of 1',
      extra: [['Internal-Sender-Identifier', findings.case.caseUuid], [SHOKO_INFO.keyFingerprint, key.fingerprint],
        [SHOKO_INFO.custodyHead, `${findings.custody.length} ${last?.hash ?? ''}`], [SHOKO_INFO.nonce, nonce]],
    });
    bag.writeAttestation('signature/tagmanifest.sig', signBytes(key, tagmanifest));
    bag.writeAttestation('timestamp/tagmanifest.tsq', createTimestampRequest(tagmanifest, nonce).der);

    const meta = { tagmanifestSha256: sha256Hex(tagmanifest), payloadOxum: bag.payloadOxum() };
    // Counted in staging, before the move: nothing after the rename can fail but the record below.
    if (kind === 'dir') return { result: { ...meta, sha256: null, files: listBagFiles(bagDir).length }, produced: bagDir };
    progress('package zip', 0, undefined, path.basename(target));
    const zipFile = path.join(staging, 'bag.zip');
    await zipBagDir(bagDir, bagName, zipFile, new Date(t.utc));
    throwIfCancelled(opts.signal);
    return { result: { ...meta, sha256: sha256File(zipFile, { signal: opts.signal }), files: 1 }, produced: zipFile };
  }, opts.signal);

  const result: PackageResult = { path: target, kind, ...built, keyFingerprint: key.fingerprint, claims: claimsNote };
  try {
    c.db.transaction(() => {
      c.db.prepare(`INSERT INTO package (path, kind, sha256, tagmanifest_sha256, payload_oxum, key_fingerprint, include_originals, redacted_only, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(target, kind, result.sha256, result.tagmanifestSha256, result.payloadOxum, key.fingerprint,
        includeOriginals ? 1 : 0, opts.redactedOnly ? 1 : 0, now().utc);
      appendCustodyEvent(c.db, { action: 'package.built', details: { ...result } });
    })();
  } catch (err) {
    // A bag the case holds no record of would be evidence output nobody accounted for: take it back.
    fs.rmSync(target, { recursive: true, force: true });
    throw err;
  }
  return result;
}

/** Longest failure reason kept in the custody log (a parser's message can be long). */
const MAX_REASON = 500;

/**
 * Records that the attempt logged as package.started ended without a package: the reason in one line
 * ('cancelled' when the examiner stopped it) and the target path, which holds nothing.
 */
function logPackageFailed(c: CaseHandle, target: string, kind: 'dir' | 'zip', err: unknown, signal?: AbortSignal): void {
  const wasCancelled = (err instanceof ShokoError && err.kind === 'cancelled') || Boolean(signal?.aborted);
  const line = oneLine(err);
  const reason = wasCancelled ? 'cancelled' : line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
  try {
    appendCustodyEvent(c.db, { action: 'package.failed', details: { out: target, kind, reason } });
  } catch {
    // The case database itself failing is what the caller sees (the original error is rethrown);
    // a second error here would only hide it.
  }
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(path.resolve(dir), p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** YYYY-MM-DD in the examiner's local time (Bagging-Date). */
function localDate(utc: string, offsetMin: number): string {
  return new Date(Date.parse(utc) + offsetMin * 60_000).toISOString().slice(0, 10);
}
