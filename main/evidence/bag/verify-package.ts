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
import { validateBagDir } from './bag-validator';
import { unzipBag } from './bag-zip';

export interface PackageVerification {
  ok: boolean;
  kind: 'dir' | 'zip';
  checks: CheckLine[];
  failure?: string;
  /** SHA-256 of the bag.zip file itself (what the custody log recorded when it was built). */
  zipSha256?: string;
  keyFingerprint?: string;
  timestamp?: { genTime: string; tsa?: string; signer?: string } | null;
}

/** True when `p` looks like a bag (folder with bagit.txt) or a bag.zip, as opposed to a case folder. */
export function isBagPath(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (st.isFile()) return p.toLowerCase().endsWith('.zip');
    return st.isDirectory() && fs.existsSync(path.join(p, 'bagit.txt'));
  } catch {
    return false;
  }
}

/**
 * `shoko verify <bag>`: the bag's RFC 8493 validity (every payload and tag file re-hashed, Payload-Oxum,
 * completeness), then the Ed25519 signature over tagmanifest-sha256.txt, the custody chain carried in
 * data/custody-log.jsonl, and the timestamp request and reply when present. Stops at the first failure.
 */
export async function verifyPackage(target: string, opts: { onProgress?: ProgressFn; signal?: AbortSignal } = {}): Promise<PackageVerification> {
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

async function verifyBagDir(dir: string, opts: { onProgress?: ProgressFn; signal?: AbortSignal }): Promise<Omit<PackageVerification, 'kind'>> {
  const rfc = validateBagDir(dir, opts);
  const checks: CheckLine[] = [...rfc.checks];
  const out = (extra: Partial<PackageVerification> = {}) => {
    const first = checks.find((c) => !c.ok);
    return { ok: !first, checks, failure: first ? `${first.what}${first.detail ? `: ${first.detail}` : ''}` : undefined, ...extra };
  };
  if (!rfc.ok) return out();
  const fail = (what: string, detail?: string) => { checks.push({ ok: false, what, detail }); return out(); };
  const read = (rel: string) => { try { return fs.readFileSync(path.join(dir, rel)); } catch { return null; } };

  // Signature over the tag manifest, with the key the bag carries; its fingerprint is what the recipient compares.
  const tagmanifest = read('tagmanifest-sha256.txt')!;
  const pem = read('signature/public-key.pem');
  const sig = read('signature/tagmanifest.sig');
  if (!pem || !sig) return fail('signature missing', 'signature/public-key.pem and signature/tagmanifest.sig are required');
  const s = verifySignature(pem.toString('utf8'), tagmanifest, sig);
  if (!s.ok) return fail('signature invalid', s.reason);
  const fpFile = read('signature/fingerprint.txt')?.toString('utf8').trim();
  if (fpFile && fpFile !== keyFingerprint(createPublicKey(pem))) return fail('signature/fingerprint.txt does not match signature/public-key.pem', fpFile);
  checks.push({ ok: true, what: 'signature: Ed25519 over tagmanifest-sha256.txt verifies', detail: `key ${s.fingerprint}` });

  // Custody chain as exported into the bag.
  const log = read('data/custody-log.jsonl');
  if (!log) return fail('data/custody-log.jsonl missing');
  const events: CustodyEvent[] = [];
  for (const [n, line] of log.toString('utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    let e: unknown;
    try { e = JSON.parse(line); } catch (err) { return fail('custody log unreadable', `data/custody-log.jsonl line ${n + 1}: ${(err as Error).message}`); }
    // A line that is not an object (null, a number) would otherwise crash the chain walk instead of failing it.
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return fail('custody log unreadable', `data/custody-log.jsonl line ${n + 1}: not an event object`);
    events.push(e as CustodyEvent);
  }
  const chain = verifyCustodyChain(events);
  if (!chain.ok) return fail(`custody log broken at event ${chain.brokenAt}`, chain.reason);
  checks.push({ ok: true, what: `custody log: ${chain.events} events, chain intact`, detail: `head ${chain.head}` });

  // Timestamp: the request must stamp this tag manifest; a reply, when imported, must answer it.
  const tsq = read('timestamp/tagmanifest.tsq');
  let timestamp: PackageVerification['timestamp'] = null;
  if (tsq) {
    let req;
    try { req = parseTimestampRequest(tsq); } catch (err) { return fail('timestamp request unreadable', (err as Error).message); }
    const digest = sha256Hex(tagmanifest);
    if (req.imprint !== digest) return fail('timestamp request is for another tag manifest', `request ${req.imprint}, tagmanifest-sha256.txt ${digest}`);
    checks.push({ ok: true, what: 'timestamp request: SHA-256 of tagmanifest-sha256.txt', detail: req.imprint });
    const tsr = read('timestamp/tagmanifest.tsr');
    if (tsr) {
      const r = await checkTimestampReply(tsr, tsq, tagmanifest);
      if (!r.ok) return fail('timestamp reply rejected', r.reason);
      timestamp = { genTime: r.genTime!, tsa: r.tsa, signer: r.signerSubject };
      checks.push({ ok: true, what: `timestamp reply: granted at ${r.genTime}${r.signatureChecked ? `, TSA signature verifies (${r.signerSubject ?? 'signer'})` : ', no TSA certificate in the reply (signature not checked)'}` });
    } else {
      checks.push({ ok: true, what: 'timestamp: not stamped yet (send timestamp/tagmanifest.tsq to a TSA, then shoko timestamp import)' });
    }
  }
  return out({ keyFingerprint: s.fingerprint, timestamp });
}
