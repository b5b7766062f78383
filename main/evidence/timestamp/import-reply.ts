import fs from 'node:fs';
import path from 'node:path';
import type { CaseHandle } from '../../case/case-folder';
import { now } from '../../common/clock';
import { badInput, verificationFailed, notFound } from '../../common/errors';
import { zipBagDir, unzipBag } from '../bag/bag-zip';
import { fsyncDir } from '../bag/bag-writer';
import { appendCustodyEvent } from '../custody-log';
import { sha256File, sha256Hex } from '../hashing';
import { checkTimestampReply, type ReplyCheck } from './timestamp-reply';
import { loadTrustAnchors } from './timestamp-trust';

export const REPLY_PATH = 'timestamp/tagmanifest.tsr';

export interface ImportedReply extends ReplyCheck {
  bag: string;
  stored: string;
  tsrSha256: string;
  tagmanifestSha256: string;
  /** New SHA-256 of a bag.zip after the reply was added to it. */
  zipSha256?: string;
}

/**
 * `shoko timestamp import <bag> <file.tsr>`: checks a TSA's reply against the bag's request and tag
 * manifest (status, imprint, nonce, TSA signature when its certificate is included) and stores it as
 * timestamp/tagmanifest.tsr. A bag.zip is rewritten beside itself and swapped in atomically. With a
 * case, the reply and its genTime are also recorded there as a custody event.
 */
export async function importTimestampReply(bag: string, tsrFile: string, c?: CaseHandle, opts: { caFiles?: string[] } = {}): Promise<ImportedReply> {
  const bagAbs = path.resolve(bag);
  const tsrAbs = path.resolve(tsrFile);
  if (!fs.existsSync(tsrAbs) || !fs.statSync(tsrAbs).isFile()) throw notFound(`${tsrAbs}: no such timestamp reply file`);
  if (!fs.existsSync(bagAbs)) throw notFound(`${bagAbs}: no such bag`);
  const tsr = fs.readFileSync(tsrAbs);
  // --ca-file, else the installation's trust store; with anchors, a reply from an untrusted TSA is refused.
  const trust = loadTrustAnchors(opts.caFiles ?? []);
  const isZip = fs.statSync(bagAbs).isFile();
  if (isZip && !bagAbs.toLowerCase().endsWith('.zip')) throw badInput(`${bagAbs}: not a bag folder or bag.zip`);
  const unz = isZip ? await unzipBag(bagAbs) : null;
  try {
    const dir = unz?.dir ?? bagAbs;
    const tsqFile = path.join(dir, 'timestamp/tagmanifest.tsq');
    const tmFile = path.join(dir, 'tagmanifest-sha256.txt');
    if (!fs.existsSync(tsqFile) || !fs.existsSync(tmFile)) throw badInput(`${bagAbs}: not a Shoko bag (no timestamp/tagmanifest.tsq or tagmanifest-sha256.txt)`);
    const tagmanifest = fs.readFileSync(tmFile);
    const check = await checkTimestampReply(tsr, fs.readFileSync(tsqFile), tagmanifest, trust.certs);
    if (!check.ok) throw verificationFailed(`${tsrAbs}: timestamp reply rejected: ${check.reason}`);
    const dest = path.join(dir, REPLY_PATH);
    if (fs.existsSync(dest)) {
      if (fs.readFileSync(dest).equals(tsr)) throw badInput(`${bagAbs}: this reply is already imported`);
      throw badInput(`${bagAbs}: already holds a timestamp reply (${REPLY_PATH}); a bag keeps one`);
    }
    const tmp = `${dest}.incoming-${process.pid}`;
    fs.writeFileSync(tmp, tsr, { flag: 'wx' });
    fs.renameSync(tmp, dest);
    fsyncDir(path.dirname(dest));
    let zipSha256: string | undefined;
    if (unz) {
      const newZip = path.join(path.dirname(bagAbs), `.${path.basename(bagAbs)}.partial-${process.pid}-tsr`);
      try {
        await zipBagDir(unz.dir, unz.top, newZip);
        fs.renameSync(newZip, bagAbs);
      } finally {
        fs.rmSync(newZip, { force: true });
      }
      zipSha256 = sha256File(bagAbs);
    }
    const result: ImportedReply = {
      ...check, bag: bagAbs, stored: REPLY_PATH, tsrSha256: sha256Hex(tsr), tagmanifestSha256: sha256Hex(tagmanifest), zipSha256,
    };
    if (c) recordReply(c, result);
    return result;
  } finally {
    unz?.cleanup();
  }
}

function recordReply(c: CaseHandle, r: ImportedReply): void {
  c.db.transaction(() => {
    const pkg = c.db.prepare('SELECT id FROM package WHERE tagmanifest_sha256 = ? ORDER BY id DESC LIMIT 1').get(r.tagmanifestSha256) as { id: number } | undefined;
    c.db.prepare(`INSERT INTO timestamp_reply (package_id, tagmanifest_sha256, tsr_sha256, gen_time, serial, tsa, signature_checked, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(pkg?.id ?? null, r.tagmanifestSha256, r.tsrSha256, r.genTime, r.serial, r.tsa ?? r.signerSubject ?? null, r.signatureChecked ? 1 : 0, now().utc);
    appendCustodyEvent(c.db, {
      action: 'timestamp.imported',
      details: { bag: r.bag, tsrSha256: r.tsrSha256, tagmanifestSha256: r.tagmanifestSha256, genTime: r.genTime, serial: r.serial,
        tsa: r.tsa ?? null, signer: r.signerSubject ?? null, signatureChecked: r.signatureChecked, chainValidated: r.chainValidated, zipSha256: r.zipSha256 ?? null },
    });
  })();
}
