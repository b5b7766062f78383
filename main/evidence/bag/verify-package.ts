import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../../shared/model/progress';
import { badInput, notFound } from '../../common/errors';
import { verifyCustodyChain, type CustodyEvent } from '../custody-log';
import { sha256File, sha256Hex } from '../hashing';
import type { CheckLine } from '../verify-case';
import { keyFingerprint, verifySignature } from '../signing/examiner-key';
import { parseTimestampRequest } from '../timestamp/timestamp-request';
import { checkTimestampReply } from '../timestamp/timestamp-reply';
import { loadTrustAnchors } from '../timestamp/timestamp-trust';
import { ATTESTATION_FILES, validateBagDir } from './bag-validator';
import { verifyClaimsDir } from '../../claims/export-claims';
import type { ClaimsVerdict } from '../../claims/verify-claims';
import { unzipBag } from './bag-zip';

/** bag-info.txt labels a Shoko bag writes besides the RFC 8493 ones. */
export const SHOKO_INFO = {
  keyFingerprint: 'Examiner-Key-Fingerprint',
  custodyHead: 'Custody-Log-Head',
  nonce: 'Timestamp-Request-Nonce',
} as const;

export interface PackageVerification {
  ok: boolean;
  kind: 'dir' | 'zip';
  checks: CheckLine[];
  failure?: string;
  /** Verdict 1: the bag as any BagIt validator sees it. */
  rfc8493: { valid: boolean; version?: string; algorithms: string[]; reason?: string };
  /**
   * Verdict 2: what Shoko attests (signature, key identity, custody, timestamp); 'none' for a bag made
   * elsewhere, whose RFC verdict alone then sets the result; 'not checked' when the bag is not valid.
   */
  attestations: 'none' | 'not checked' | { ok: boolean; signature: boolean; custody: boolean; timestamp: 'none' | 'granted' | 'failed' };
  /** SHA-256 of the bag.zip file itself (what the custody log recorded when it was built). */
  zipSha256?: string;
  keyFingerprint?: string;
  timestamp?: { genTime: string; tsa?: string; signer?: string; trusted: boolean } | null;
}

export interface VerifyOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** CA certificate files of trusted TSAs; default the trust store ($SHOKO_HOME/trust/tsa). */
  caFiles?: string[];
}

/**
 * True when `p` looks like a bag (bag.zip, or a folder with bagit.txt or a bag's other parts) rather
 * than a case folder: a bag that lost its bagit.txt is still verified as a bag, and found invalid.
 */
export function isBagPath(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (st.isFile()) return p.toLowerCase().endsWith('.zip');
    if (!st.isDirectory()) return false;
    if (fs.existsSync(path.join(p, 'bagit.txt'))) return true;
    if (fs.existsSync(path.join(p, 'case.sqlite'))) return false;
    return fs.readdirSync(p).some((n) => /^(tag)?manifest-[^/]+\.txt$/.test(n) || n === 'bag-info.txt' || n === 'fetch.txt');
  } catch {
    return false;
  }
}

/**
 * `shoko verify <bag>`: two verdicts. "RFC 8493" for any bag (bag-validator); "Shoko attestations"
 * for a bag Shoko made: the Ed25519 signature over tagmanifest-sha256.txt, the signing key against
 * bag-info's Examiner-Key-Fingerprint and the custody log's package.started (a bag re-signed with another
 * key fails), the custody chain and its head, the timestamp request bound by bag-info's nonce, and the
 * reply when present, checked against trusted TSA roots when there are any.
 */
export async function verifyPackage(target: string, opts: VerifyOptions = {}): Promise<PackageVerification> {
  const abs = path.resolve(target);
  if (!fs.existsSync(abs)) throw notFound(`${abs}: no such bag`);
  if (fs.statSync(abs).isFile()) {
    if (!abs.toLowerCase().endsWith('.zip')) throw badInput(`${abs}: not a bag folder or bag.zip`);
    const zipSha256 = sha256File(abs, { signal: opts.signal });
    const unz = await unzipBag(abs);
    try {
      const v = await verifyBagDir(unz.dir, opts);
      return { ...v, kind: 'zip', zipSha256, checks: [{ ok: true, what: `bag.zip: one top-level folder ${unz.top}/`, detail: `sha256 ${zipSha256}` }, ...v.checks] };
    } finally {
      unz.cleanup();
    }
  }
  return { ...(await verifyBagDir(abs, opts)), kind: 'dir' };
}

async function verifyBagDir(dir: string, opts: VerifyOptions): Promise<Omit<PackageVerification, 'kind'>> {
  const rfc = validateBagDir(dir, opts);
  const checks: CheckLine[] = [...rfc.checks];
  const rfc8493 = { valid: rfc.ok, version: rfc.version, algorithms: rfc.algorithms, reason: rfc.failure };
  const done = (attestations: PackageVerification['attestations'], extra: Partial<PackageVerification> = {}) => {
    // The first failure is what the bag is reported for (the RFC reason itself when it is invalid).
    const first = checks.find((c) => !c.ok);
    return { ok: !first, checks, failure: first ? `${first.what}${first.detail ? `: ${first.detail}` : ''}` : undefined, rfc8493, attestations, ...extra };
  };
  if (!rfc.ok) {
    checks.push({ ok: false, what: 'RFC 8493: invalid bag', detail: rfc.failure });
    checks.push({ ok: true, what: 'Shoko attestations: not checked (the bag is not valid)' });
    return done('not checked');
  }
  checks.push({ ok: true, what: `RFC 8493: valid (BagIt ${rfc.version}, ${rfc.algorithms.join(', ')})` });
  const info = new Map(rfc.info.map(([k, v]) => [k, v]));
  const shoko = info.has(SHOKO_INFO.keyFingerprint) || (info.get('Bag-Software-Agent') ?? '').startsWith('Shoko')
    || rfc.files.some((f) => f.startsWith('signature/') || f.startsWith('timestamp/'));
  if (!shoko) {
    checks.push({ ok: true, what: 'Shoko attestations: none (a bag made elsewhere: no signature, custody log or timestamp to check; the RFC 8493 verdict stands alone)' });
    return done('none');
  }
  const a = await checkAttestations(dir, rfc.unlistedTagFiles, info, opts);
  checks.push(...a.checks);
  if (fs.existsSync(path.join(dir, 'data', 'claims'))) checks.push(claimsCheck(verifyClaimsDir(path.join(dir, 'data', 'claims'))));
  checks.push(a.ok
    ? { ok: true, what: `Shoko attestations: signature, key, custody log${a.timestamp ? ', timestamp' : ''} verified` }
    : { ok: false, what: 'Shoko attestations: NOT verified', detail: a.checks.find((c) => !c.ok)?.what });
  return done({ ok: a.ok, signature: a.signatureOk, custody: a.custodyOk, timestamp: a.timestampState }, { keyFingerprint: a.keyFingerprint, timestamp: a.timestamp });
}

interface AttestationResult {
  ok: boolean;
  checks: CheckLine[];
  signatureOk: boolean;
  custodyOk: boolean;
  timestampState: 'none' | 'granted' | 'failed';
  keyFingerprint?: string;
  timestamp: PackageVerification['timestamp'];
}

/** Every attestation is checked and reported on its own line, so one failure does not hide another. */
async function checkAttestations(dir: string, unlisted: readonly string[], info: Map<string, string>, opts: VerifyOptions): Promise<AttestationResult> {
  const checks: CheckLine[] = [];
  const read = (rel: string) => { try { return fs.readFileSync(path.join(dir, rel)); } catch { return null; } };
  const bad = (what: string, detail?: string) => { checks.push({ ok: false, what, detail }); };
  const good = (what: string, detail?: string) => { checks.push({ ok: true, what, detail }); };

  // What Shoko signs is tagmanifest-sha256.txt: every tag file but the attestations must be in it.
  const tagmanifest = read('tagmanifest-sha256.txt');
  const extra = unlisted.filter((f) => !ATTESTATION_FILES.includes(f));
  if (!tagmanifest) bad('tagmanifest-sha256.txt missing', 'the signature and the timestamp are over it');
  else if (extra.length) bad(`tag file not in tagmanifest-sha256.txt: ${extra[0]}`, 'a file was added to the bag after it was made');
  else good('tag files: every one listed in tagmanifest-sha256.txt (the signed file), attestations aside');

  // Signature and whose key it is.
  let signatureOk = false;
  let keyFp: string | undefined;
  const pem = read('signature/public-key.pem');
  const sig = read('signature/tagmanifest.sig');
  if (!pem || !sig) bad('signature missing', 'signature/public-key.pem and signature/tagmanifest.sig are required');
  else if (tagmanifest) {
    const s = verifySignature(pem.toString('utf8'), tagmanifest, sig);
    if (!s.ok) bad('signature invalid', s.reason);
    else {
      signatureOk = true;
      keyFp = s.fingerprint;
      good('signature: Ed25519 over tagmanifest-sha256.txt verifies', `key ${s.fingerprint}`);
    }
  }
  const fpFile = read('signature/fingerprint.txt')?.toString('utf8').trim();
  if (pem && fpFile) {
    let fp: string | null = null;
    try { fp = keyFingerprint(createPublicKey(pem)); } catch { /* reported by the signature check */ }
    if (fp && fpFile !== fp) bad('signature/fingerprint.txt does not match signature/public-key.pem', fpFile);
  }

  // Custody chain as exported into the bag, and its head as bag-info states it.
  let custodyOk = false;
  const events = readCustodyLog(read('data/custody-log.jsonl'));
  if (typeof events === 'string') bad('custody log unreadable', events);
  else {
    const chain = verifyCustodyChain(events);
    if (!chain.ok) bad(`custody log broken at event ${chain.brokenAt}`, chain.reason);
    else {
      const head = info.get(SHOKO_INFO.custodyHead);
      const last = events[events.length - 1];
      if (head !== undefined && head !== `${chain.events} ${last?.hash ?? ''}`) bad('custody log is not the one the bag was sealed with', `bag-info ${SHOKO_INFO.custodyHead} says ${head}, data/custody-log.jsonl ends at ${chain.events} ${last?.hash ?? ''}`);
      else {
        custodyOk = true;
        good(`custody log: ${chain.events} events, chain intact${head ? ', head as sealed in bag-info.txt' : ''}`, `head ${chain.head}`);
      }
    }
  }
  // The signing key must be the examiner's that bag-info and the custody log name (16.4: a re-signed bag).
  if (keyFp) {
    const infoFp = info.get(SHOKO_INFO.keyFingerprint);
    const started = typeof events === 'string' ? undefined : events.findLast((e) => e.action === 'package.started');
    const logFp = typeof started?.details?.keyFingerprint === 'string' ? started.details.keyFingerprint : undefined;
    if (infoFp && infoFp !== keyFp) { signatureOk = false; bad('bag signed with another key than the examiner\'s', `signature key ${keyFp}, bag-info.txt ${SHOKO_INFO.keyFingerprint} ${infoFp}`); }
    else if (logFp && logFp !== keyFp) { signatureOk = false; bad('bag signed with another key than the examiner\'s', `signature key ${keyFp}, the custody log's package.started (event ${started!.seq}) names ${logFp}`); }
    else good(`signing key is the examiner's named in ${[infoFp && 'bag-info.txt', logFp && 'the custody log'].filter(Boolean).join(' and ') || 'the bag'}`, keyFp);
  }

  // Timestamp: the request bound to the sealed bag by its nonce; the reply when one was imported.
  let timestampState: AttestationResult['timestampState'] = 'none';
  let timestamp: PackageVerification['timestamp'] = null;
  const tsq = read('timestamp/tagmanifest.tsq');
  const tsr = read('timestamp/tagmanifest.tsr');
  const nonce = info.get(SHOKO_INFO.nonce);
  let req: ReturnType<typeof parseTimestampRequest> | null = null;
  if (!tsq) {
    if (nonce) bad('timestamp request removed', `bag-info.txt names request nonce ${nonce}, timestamp/tagmanifest.tsq is missing`);
    if (tsr) bad('timestamp reply without its request', 'timestamp/tagmanifest.tsr is present, timestamp/tagmanifest.tsq is not');
  } else {
    try { req = parseTimestampRequest(tsq); } catch (err) { bad('timestamp request unreadable', (err as Error).message); }
    if (req && tagmanifest) {
      const digest = sha256Hex(tagmanifest);
      if (req.imprint !== digest) bad('timestamp request is for another tag manifest', `request ${req.imprint}, tagmanifest-sha256.txt ${digest}`);
      else if (nonce && req.nonce !== nonce) bad('timestamp request replaced', `its nonce ${req.nonce ?? 'none'} is not bag-info.txt's ${nonce}`);
      else good(`timestamp request: SHA-256 of tagmanifest-sha256.txt${nonce ? ', nonce as sealed in bag-info.txt' : ''}`, req.imprint);
    }
  }
  if (tsr && tsq && tagmanifest) {
    let trust;
    try { trust = loadTrustAnchors(opts.caFiles ?? []); } catch (err) { bad('TSA trust anchors unreadable', (err as Error).message); }
    const r = await checkTimestampReply(tsr, tsq, tagmanifest, trust?.certs ?? []);
    if (!r.ok) { timestampState = 'failed'; bad('timestamp reply rejected', r.reason); }
    else {
      timestampState = 'granted';
      timestamp = { genTime: r.genTime!, tsa: r.tsa, signer: r.signerSubject, trusted: r.chainValidated === true };
      const who = r.signatureChecked ? `TSA signature verifies (${r.signerSubject ?? 'signer'})` : 'no TSA certificate in the reply (signature not checked)';
      const trustNote = r.chainValidated ? 'TSA certificate chains to a trusted root' : 'TSA not validated against a trusted root';
      good(`timestamp: granted at ${r.genTime}, ${who}; ${trustNote}`, r.chainValidated ? trust?.sources.join(', ') : 'give --ca-file with the TSA\'s CA, or put it in $SHOKO_HOME/trust/tsa/');
    }
  } else if (!tsr) {
    good('timestamp: none (no TSA reply in the bag: the time rests on the examiner\'s clock only; send timestamp/tagmanifest.tsq to a TSA, then shoko timestamp import)');
  }
  const first = checks.find((c) => !c.ok);
  return { ok: !first, checks, signatureOk, custodyOk, timestampState, keyFingerprint: keyFp, timestamp };
}

function readCustodyLog(log: Buffer | null): CustodyEvent[] | string {
  if (!log) return 'data/custody-log.jsonl missing';
  const events: CustodyEvent[] = [];
  for (const [n, line] of log.toString('utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    let e: unknown;
    try { e = JSON.parse(line); } catch (err) { return `data/custody-log.jsonl line ${n + 1}: ${(err as Error).message}`; }
    // A line that is not an object (null, a number) would otherwise crash the chain walk instead of failing it.
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return `data/custody-log.jsonl line ${n + 1}: not an event object`;
    events.push(e as CustodyEvent);
  }
  return events;
}

/** data/claims/: every claim's leaf and path to the signed list root (docs/claims.md), as one line. */
function claimsCheck(v: ClaimsVerdict): CheckLine {
  const ok = v.claims.filter((c) => c.ok);
  const records = new Set(ok.map((c) => `${c.list}\0${c.record}`)).size;
  if (v.ok) return { ok: true, what: `claims: ${ok.length} of ${v.claims.length} verified against the signed list commitment (${records} record(s))` };
  const list = v.lists.find((l) => !l.ok);
  const claim = v.claims.find((c) => !c.ok);
  return { ok: false, what: 'claims: NOT verified', detail: list ? `${list.dir}: ${list.problems.join('; ')}` : `record ${claim?.record} ${claim?.field} (page ${claim?.pages}): ${claim?.reason}` };
}
