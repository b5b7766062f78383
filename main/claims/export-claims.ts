import fs from 'node:fs';
import path from 'node:path';
import type { CaseHandle } from '../case/case-folder';
import { badInput, verificationFailed } from '../common/errors';
import { appendCustodyEvent } from '../evidence/custody-log';
import { sha256File } from '../evidence/hashing';
import { unzipBag } from '../evidence/bag/bag-zip';
import { buildClaims, type ClaimsBuild } from './build-claims';
import { claimListDirs, claimsFiles, claimsReader, writeClaimsZip } from './claims-files';
import { verifyClaims, type ClaimsVerdict } from './verify-claims';

export interface ClaimsExport {
  file: string;
  sha256: string;
  size: number;
  lists: { setId: number; root: string; records: number; claims: number; unclaimed: number }[];
  skipped: ClaimsBuild['skipped'];
}

/**
 * `shoko claims export`: the claims of every committed list as one zip, without originals, redacted pages
 * or report. Hashed and logged like every output. Refused when there is nothing to claim (no list committed
 * or no record present), so an empty bundle is never handed out as if it proved something.
 */
export async function exportClaims(c: CaseHandle, out: string, opts: { listPath?: string; signal?: AbortSignal } = {}): Promise<ClaimsExport> {
  const file = path.resolve(out);
  if (fs.existsSync(file)) throw badInput(`${file}: already exists; claims bundles are never overwritten`);
  if (!fs.existsSync(path.dirname(file))) throw badInput(`${path.dirname(file)}: no such folder`);
  const build = await buildClaims(c, opts);
  if (!build.sets.length) {
    throw badInput(`no claims can be made: ${build.skipped.map((s) => `${s.list}: ${s.reason}`).join('; ') || 'no leaked-record list imported'}`);
  }
  if (!build.sets.some((s) => s.doc.claims.length)) throw verificationFailed('no record of the committed list is found present (not dismissed) in this case: nothing to claim');
  await writeClaimsZip(claimsFiles(build), file);
  const sha256 = sha256File(file);
  const size = fs.statSync(file).size;
  const lists = build.sets.map((s) => ({ setId: s.setId, root: s.doc.commitment.root, records: s.doc.records, claims: s.doc.claims.length, unclaimed: s.doc.unclaimed.length }));
  appendCustodyEvent(c.db, { action: 'claims.exported', details: { file, sha256, size, lists, skipped: build.skipped } });
  return { file, sha256, size, lists, skipped: build.skipped };
}

/** Verifies a claims folder, a claims zip, or the claims inside an evidence package (folder or zip). */
export async function verifyClaimsAt(target: string): Promise<ClaimsVerdict> {
  if (!fs.existsSync(target)) throw badInput(`${target}: no such file or folder`);
  if (fs.statSync(target).isDirectory()) return verifyClaimsDir(claimsDirIn(target));
  const unpacked = await unzipBag(target);
  try {
    return verifyClaimsDir(claimsDirIn(unpacked.dir));
  } finally {
    unpacked.cleanup();
  }
}

function claimsDirIn(dir: string): string {
  const inBag = path.join(dir, 'data', 'claims');
  return fs.existsSync(inBag) ? inBag : dir;
}

export function verifyClaimsDir(dir: string): ClaimsVerdict {
  return verifyClaims(claimsReader(dir), claimListDirs(dir));
}
