import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../../shared/model/progress';
import type { CheckLine } from '../verify-case';
import { listBagFiles } from './bag-files';
import { bagDigestsOfFile, type Digests } from './bag-writer';
import {
  BAG_ALGORITHMS, parseManifest, parseTagFile, manifestName, tagManifestName, type BagAlgorithm,
} from './manifest-format';

/**
 * Files that attest to tagmanifest-sha256.txt itself (a file cannot be listed in the manifest whose
 * hash it carries); each is checked against the tag manifest on its own.
 */
export const ATTESTATION_FILES: readonly string[] = ['signature/tagmanifest.sig', 'timestamp/tagmanifest.tsq', 'timestamp/tagmanifest.tsr'];

export interface BagCheck extends CheckLine {}

export interface BagValidation {
  ok: boolean;
  checks: BagCheck[];
  failure?: string;
  info: Array<[string, string]>;
}

/**
 * RFC 8493 validation of a bag folder: bagit.txt, Payload-Oxum, completeness both ways (a payload file
 * missing from a manifest fails, as does an entry without its file), every payload and tag file re-hashed
 * with every algorithm present. Stops at the first failure so the message names one thing.
 */
export function validateBagDir(dir: string, opts: { onProgress?: ProgressFn; signal?: AbortSignal } = {}): BagValidation {
  const checks: BagCheck[] = [];
  const result = (): BagValidation => {
    const first = checks.find((c) => !c.ok);
    return { ok: !first, checks, failure: first ? `${first.what}${first.detail ? `: ${first.detail}` : ''}` : undefined, info };
  };
  let info: Array<[string, string]> = [];
  const fail = (what: string, detail?: string) => { checks.push({ ok: false, what, detail }); return result(); };

  // bagit.txt: exact declaration, no BOM.
  const bagitTxt = path.join(dir, 'bagit.txt');
  if (!isFile(bagitTxt)) return fail('bagit.txt missing', `${dir} is not a complete bag`);
  const declRaw = fs.readFileSync(bagitTxt);
  if (declRaw[0] === 0xef && declRaw[1] === 0xbb && declRaw[2] === 0xbf) return fail('bagit.txt starts with a byte-order mark');
  const decl = Object.fromEntries(parseTagFile(declRaw.toString('utf8')));
  if (decl['BagIt-Version'] !== '1.0' || decl['Tag-File-Character-Encoding'] !== 'UTF-8') {
    return fail('bagit.txt does not declare BagIt-Version 1.0 / UTF-8', JSON.stringify(decl));
  }
  checks.push({ ok: true, what: 'bagit.txt: BagIt 1.0, UTF-8' });
  if (!fs.existsSync(path.join(dir, 'data')) || !fs.lstatSync(path.join(dir, 'data')).isDirectory()) return fail('data/ folder missing');

  // Every file in the bag, with '/' separators; symbolic links are refused (they can point outside).
  let files: string[];
  try {
    files = listBagFiles(dir);
  } catch (err) {
    return fail('bag contains something that is not a plain file or folder', (err as Error).message);
  }
  const payloadOnDisk = new Set(files.filter((f) => f.startsWith('data/')).map((f) => f.normalize('NFC')));
  const byNfc = new Map(files.map((f) => [f.normalize('NFC'), f]));

  // bag-info.txt and Payload-Oxum (octets.streamcount).
  const infoFile = path.join(dir, 'bag-info.txt');
  if (isFile(infoFile)) info = parseTagFile(fs.readFileSync(infoFile, 'utf8'));
  const oxum = info.find(([k]) => k === 'Payload-Oxum')?.[1];
  if (oxum !== undefined) {
    const m = /^(\d+)\.(\d+)$/.exec(oxum);
    if (!m) return fail('bag-info.txt: Payload-Oxum malformed', oxum);
    let bytes = 0;
    for (const f of payloadOnDisk) bytes += fs.statSync(path.join(dir, byNfc.get(f)!)).size;
    if (Number(m[1]) !== bytes || Number(m[2]) !== payloadOnDisk.size) {
      return fail('Payload-Oxum does not match the payload', `bag-info says ${m[1]} bytes in ${m[2]} files, data/ holds ${bytes} bytes in ${payloadOnDisk.size} files`);
    }
    checks.push({ ok: true, what: `Payload-Oxum ${oxum} matches data/` });
  }

  // Payload manifests: completeness both ways, then every digest.
  const algs = BAG_ALGORITHMS.filter((a) => isFile(path.join(dir, manifestName(a))));
  if (algs.length === 0) return fail('no payload manifest (manifest-sha256.txt / manifest-sha512.txt)');
  const payloadManifests = new Map<BagAlgorithm, Map<string, string>>();
  for (const alg of algs) {
    const parsed = readManifest(dir, manifestName(alg));
    if (typeof parsed === 'string') return fail(parsed);
    for (const p of parsed.keys()) {
      if (!p.startsWith('data/')) return fail(`${manifestName(alg)} lists a file outside data/`, p);
      if (!payloadOnDisk.has(p)) return fail(`payload file missing: ${p}`, `listed in ${manifestName(alg)} but not in the bag`);
    }
    for (const p of payloadOnDisk) if (!parsed.has(p)) return fail(`payload file not in ${manifestName(alg)}: ${p}`, 'a file was added to data/ after the bag was made');
    payloadManifests.set(alg, parsed);
  }
  checks.push({ ok: true, what: `payload complete: ${payloadOnDisk.size} files, each listed in ${algs.map(manifestName).join(' and ')}` });
  let n = 0;
  for (const p of [...payloadOnDisk].sort()) {
    opts.onProgress?.({ phase: 'verify bag', done: n++, total: payloadOnDisk.size, subject: p });
    const d = bagDigestsOfFile(path.join(dir, byNfc.get(p)!), { signal: opts.signal });
    for (const alg of algs) {
      if (payloadManifests.get(alg)!.get(p) !== d[alg]) return fail(`payload file altered: ${p}`, `${alg} is ${d[alg]}, ${manifestName(alg)} says ${payloadManifests.get(alg)!.get(p)}`);
    }
  }
  checks.push({ ok: true, what: `payload hashes match (${algs.join(', ')})` });

  // Tag manifests: every listed tag file re-hashed; every tag file must be listed (attestations excepted).
  const tagAlgs = BAG_ALGORITHMS.filter((a) => isFile(path.join(dir, tagManifestName(a))));
  if (tagAlgs.length === 0) return fail('no tag manifest (tagmanifest-sha256.txt)');
  const manifestFiles = new Set(BAG_ALGORITHMS.map(tagManifestName));
  const tagFiles = files.filter((f) => !f.startsWith('data/') && !manifestFiles.has(f) && !ATTESTATION_FILES.includes(f));
  // Each tag file is read once for every algorithm; the digests serve all tag manifests.
  const tagDigests = new Map<string, Digests>();
  const digestsOf = (real: string) => {
    let d = tagDigests.get(real);
    if (!d) tagDigests.set(real, (d = bagDigestsOfFile(path.join(dir, real), { signal: opts.signal })));
    return d;
  };
  for (const alg of tagAlgs) {
    const parsed = readManifest(dir, tagManifestName(alg));
    if (typeof parsed === 'string') return fail(parsed);
    for (const [p, digest] of parsed) {
      if (p.startsWith('data/')) return fail(`${tagManifestName(alg)} lists a payload file`, p);
      if (manifestFiles.has(p)) return fail(`${tagManifestName(alg)} lists a tag manifest`, p);
      const real = byNfc.get(p);
      if (!real) return fail(`tag file missing: ${p}`, `listed in ${tagManifestName(alg)}`);
      const d = digestsOf(real);
      if (d[alg] !== digest) return fail(`tag file altered: ${p}`, `${alg} is ${d[alg]}, ${tagManifestName(alg)} says ${digest}`);
    }
    for (const f of tagFiles) if (!parsed.has(f.normalize('NFC'))) return fail(`tag file not in ${tagManifestName(alg)}: ${f}`, 'a file was added to the bag after it was made');
  }
  checks.push({ ok: true, what: `tag files complete and unaltered: ${tagFiles.length} files in ${tagAlgs.map(tagManifestName).join(' and ')}` });
  return result();
}

function readManifest(dir: string, name: string): Map<string, string> | string {
  const parsed = parseManifest(fs.readFileSync(path.join(dir, name), 'utf8'), name);
  if (parsed.errors.length) return parsed.errors[0];
  const map = new Map<string, string>();
  for (const e of parsed.entries) {
    const p = e.path.normalize('NFC');
    if (path.posix.isAbsolute(p) || p.split('/').includes('..') || p.includes('\\')) return `${name}: unsafe path ${JSON.stringify(e.path)}`;
    if (map.has(p)) return `${name}: lists ${p} twice`;
    map.set(p, e.digest);
  }
  return map;
}

function isFile(p: string): boolean {
  try { return fs.lstatSync(p).isFile(); } catch { return false; }
}
