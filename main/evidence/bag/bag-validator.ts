import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../../shared/model/progress';
import { readFileChunks } from '../hashing';
import type { CheckLine } from '../verify-case';
import { listBagFiles } from './bag-files';
import { decodeManifestPath } from './manifest-format';

/**
 * Files that attest to tagmanifest-sha256.txt itself (a file cannot be listed in the manifest whose
 * hash it carries); each is checked against the tag manifest on its own (verify-package).
 */
export const ATTESTATION_FILES: readonly string[] = ['signature/tagmanifest.sig', 'timestamp/tagmanifest.tsq', 'timestamp/tagmanifest.tsr'];

export interface BagCheck extends CheckLine {}

export interface BagValidation {
  ok: boolean;
  checks: BagCheck[];
  failure?: string;
  /** bag-info.txt, in order (labels repeat when the bag repeats them). */
  info: Array<[string, string]>;
  /** BagIt-Version of bagit.txt when it could be read. */
  version?: string;
  /** Algorithms of the payload manifests, e.g. ['md5', 'sha256']. */
  algorithms: string[];
  /** Every file in the bag with '/' separators (when the bag could be listed). */
  files: string[];
  /** Tag files not listed in a tag manifest (RFC 8493: SHOULD be listed; a valid bag may leave them out). */
  unlistedTagFiles: string[];
}

/** The algorithms a manifest may name that Node can compute (RFC 8493 §2.4 names these in practice). */
const KNOWN_ALGORITHMS = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/**
 * RFC 8493 validation of any bag folder, whoever made it (BagIt 1.0 and the 0.97 draft that most bags
 * in archives use): bagit.txt, tag-file encoding, fetch.txt scope, every payload manifest of every
 * algorithm (complete both ways, every digest), Payload-Oxum, every tag manifest. Paths may start with
 * "./" (normalized); a path out of the bag (absolute, "~", "..") is invalid. A holey bag (fetch.txt
 * naming absent files) is incomplete, so not valid: Shoko never fetches. Stops at the first failure so
 * the message names one thing.
 */
export function validateBagDir(dir: string, opts: { onProgress?: ProgressFn; signal?: AbortSignal } = {}): BagValidation {
  const checks: BagCheck[] = [];
  let info: Array<[string, string]> = [];
  let version: string | undefined;
  let algorithms: string[] = [];
  let files: string[] = [];
  let unlistedTagFiles: string[] = [];
  const result = (): BagValidation => {
    const first = checks.find((c) => !c.ok);
    return { ok: !first, checks, failure: first ? `${first.what}${first.detail ? `: ${first.detail}` : ''}` : undefined, info, version, algorithms, files, unlistedTagFiles };
  };
  const fail = (what: string, detail?: string) => { checks.push({ ok: false, what, detail }); return result(); };

  // bagit.txt: UTF-8 without BOM, exactly "BagIt-Version: M.N" and "Tag-File-Character-Encoding: ENC".
  const bagitTxt = path.join(dir, 'bagit.txt');
  if (!isFile(bagitTxt)) return fail('bagit.txt missing', `${dir}: a bag declares itself in bagit.txt (RFC 8493 §2.1.1); without it this is not a valid bag`);
  const declRaw = fs.readFileSync(bagitTxt);
  if (declRaw[0] === 0xef && declRaw[1] === 0xbb && declRaw[2] === 0xbf) return fail('bagit.txt starts with a byte-order mark', 'RFC 8493 §2.1.1 forbids it');
  const decl = parseDeclaration(declRaw.toString('utf8'));
  if (typeof decl === 'string') return fail('bagit.txt malformed', decl);
  version = decl.version;
  const encoding = tagEncoding(decl.encoding);
  if (!encoding) return fail('bagit.txt: unsupported Tag-File-Character-Encoding', decl.encoding);
  checks.push({ ok: true, what: `bagit.txt: BagIt ${decl.version}, tag files in ${decl.encoding}` });
  if (!isDir(path.join(dir, 'data'))) return fail('data/ folder missing');

  try {
    files = listBagFiles(dir);
  } catch (err) {
    return fail('bag contains something that is not a plain file or folder', (err as Error).message);
  }
  const payloadOnDisk = new Set(files.filter((f) => f.startsWith('data/')).map((f) => f.normalize('NFC')));
  const byNfc = new Map(files.map((f) => [f.normalize('NFC'), f]));
  const readTag = (rel: string) => decodeTagFile(fs.readFileSync(path.join(dir, rel)), encoding, rel);

  // bag-info.txt (optional) in the declared encoding.
  if (isFile(path.join(dir, 'bag-info.txt'))) {
    const text = readTag('bag-info.txt');
    if (typeof text !== 'string') return fail(text.error);
    info = parseBagInfo(text);
  }

  // fetch.txt: every entry in scope (under data/); an entry whose file is absent makes the bag incomplete.
  const toFetch: string[] = [];
  if (isFile(path.join(dir, 'fetch.txt'))) {
    const text = readTag('fetch.txt');
    if (typeof text !== 'string') return fail(text.error);
    for (const [i, line] of text.split(/\r\n|\n|\r/).entries()) {
      if (line.trim() === '') continue;
      const m = /^(\S+)[ \t]+(\d+|-)[ \t]+(.+)$/.exec(line);
      if (!m) return fail(`fetch.txt line ${i + 1}: not "<url> <length> <filepath>"`, JSON.stringify(line));
      const p = bagPath(m[3]);
      if (typeof p !== 'string') return fail(`fetch.txt line ${i + 1}: path out of the bag's scope`, `${JSON.stringify(m[3])} (${p.reason})`);
      if (!p.startsWith('data/')) return fail(`fetch.txt line ${i + 1}: names a file outside data/`, p);
      if (!payloadOnDisk.has(p)) toFetch.push(p);
    }
    if (toFetch.length) return fail(`bag incomplete: ${toFetch.length} file(s) listed in fetch.txt are absent`, `e.g. ${toFetch[0]}; a holey bag becomes valid only once fetched (Shoko never fetches)`);
    checks.push({ ok: true, what: 'fetch.txt: every entry is under data/ and present' });
  }

  // Payload manifests: every algorithm present, each complete both ways, every digest.
  const manifests = files.filter((f) => /^manifest-[^/]+\.txt$/.test(f));
  if (manifests.length === 0) return fail('no payload manifest (manifest-<algorithm>.txt)');
  const payload = new Map<string, Map<string, string>>();
  for (const name of manifests) {
    const alg = name.slice('manifest-'.length, -'.txt'.length).toLowerCase();
    if (!KNOWN_ALGORITHMS.has(alg)) return fail(`${name}: algorithm ${alg} cannot be checked here`, `known: ${[...KNOWN_ALGORITHMS].join(', ')}`);
    const parsed = readManifest(dir, name, readTag);
    if (typeof parsed === 'string') return fail(parsed);
    for (const p of parsed.keys()) if (!p.startsWith('data/')) return fail(`${name} lists a file outside data/`, p);
    // Every file added and every file deleted is named, not only the first (nor a Payload-Oxum difference).
    const deleted = [...parsed.keys()].filter((p) => !payloadOnDisk.has(p)).sort();
    const added = [...payloadOnDisk].filter((p) => !parsed.has(p)).sort();
    if (deleted.length || added.length) return fail(...payloadDifference(name, added, deleted));
    payload.set(alg, parsed);
  }
  algorithms = [...payload.keys()].sort();
  checks.push({ ok: true, what: `payload complete: ${payloadOnDisk.size} files, each listed in ${manifests.join(' and ')}` });

  let n = 0;
  for (const p of [...payloadOnDisk].sort()) {
    opts.onProgress?.({ phase: 'verify bag', done: n++, total: payloadOnDisk.size, subject: p });
    const d = digestsOfFile(path.join(dir, byNfc.get(p)!), algorithms, opts.signal);
    for (const alg of algorithms) {
      const want = payload.get(alg)!.get(p);
      if (want !== d[alg]) return fail(`payload file altered: ${p}`, `${alg} is ${d[alg]}, manifest-${alg}.txt says ${want}`);
    }
  }
  checks.push({ ok: true, what: `payload hashes match (${algorithms.join(', ')})` });
  // After the digests, so a changed file is named rather than reported as a size difference.
  const oxum = info.find(([k]) => k.toLowerCase() === 'payload-oxum')?.[1];
  if (oxum !== undefined) {
    const m = /^(\d+)\.(\d+)$/.exec(oxum);
    if (!m) return fail('bag-info.txt: Payload-Oxum malformed', oxum);
    let bytes = 0;
    for (const f of payloadOnDisk) bytes += fs.statSync(path.join(dir, byNfc.get(f)!)).size;
    if (Number(m[1]) !== bytes || Number(m[2]) !== payloadOnDisk.size) {
      // The manifests list exactly the files in data/ and their digests match, so no file was added,
      // deleted or changed: what differs is bag-info.txt's count.
      return fail('Payload-Oxum does not match the payload', `bag-info says ${m[1]} bytes in ${m[2]} files, data/ holds ${bytes} bytes in ${payloadOnDisk.size} files; every manifest lists exactly these files with matching digests, so no payload file was added or deleted: the Payload-Oxum line of bag-info.txt is what changed`);
    }
    checks.push({ ok: true, what: `Payload-Oxum ${oxum} matches data/` });
  }


  // Tag manifests (optional in RFC 8493): every listed tag file present and unaltered.
  const tagManifests = files.filter((f) => /^tagmanifest-[^/]+\.txt$/.test(f));
  const listed = new Set<string>();
  const tagDigests = new Map<string, Record<string, string>>();
  for (const name of tagManifests) {
    const alg = name.slice('tagmanifest-'.length, -'.txt'.length).toLowerCase();
    if (!KNOWN_ALGORITHMS.has(alg)) return fail(`${name}: algorithm ${alg} cannot be checked here`);
    const parsed = readManifest(dir, name, readTag);
    if (typeof parsed === 'string') return fail(parsed);
    for (const [p, digest] of parsed) {
      if (p.startsWith('data/')) return fail(`${name} lists a payload file`, p);
      const real = byNfc.get(p);
      if (!real) return fail(`tag file missing: ${p}`, `listed in ${name}`);
      let d = tagDigests.get(real);
      if (!d || !(alg in d)) tagDigests.set(real, (d = { ...d, ...digestsOfFile(path.join(dir, real), [alg], opts.signal) }));
      if (d[alg] !== digest) return fail(`tag file altered: ${p}`, `${alg} is ${d[alg]}, ${name} says ${digest}`);
      listed.add(p);
    }
  }
  const tagFiles = files.filter((f) => !f.startsWith('data/') && !/^tagmanifest-[^/]+\.txt$/.test(f));
  unlistedTagFiles = tagFiles.filter((f) => !listed.has(f.normalize('NFC')));
  if (tagManifests.length) checks.push({ ok: true, what: `tag files unaltered: ${listed.size} listed in ${tagManifests.join(' and ')}` });
  return result();
}

/** Most names shown of each kind; the rest are counted. */
const NAMED_MAX = 20;

/**
 * The failure for a payload manifest that does not list exactly the files in data/: "payload file
 * missing: data/x" / "payload file not in manifest-…: data/y" when one kind alone, both named when both.
 */
function payloadDifference(manifest: string, added: readonly string[], deleted: readonly string[]): [string, string] {
  const list = (ps: readonly string[]) => `${ps.slice(0, NAMED_MAX).join(', ')}${ps.length > NAMED_MAX ? ` and ${ps.length - NAMED_MAX} more` : ''}`;
  const addedWhy = 'a payload file every manifest must list (added to data/ after the bag was made?)';
  const deletedWhy = `listed in ${manifest} but not in the bag`;
  if (!added.length) return [`payload file${deleted.length > 1 ? 's' : ''} missing: ${list(deleted)}`, `${deletedWhy}${deleted.length > 1 ? ` (${deleted.length} files)` : ''}`];
  if (!deleted.length) return [`payload file${added.length > 1 ? 's' : ''} not in ${manifest}: ${list(added)}`, `${addedWhy}${added.length > 1 ? ` (${added.length} files)` : ''}`];
  return [`payload does not match ${manifest}: ${deleted.length} deleted (${list(deleted)}), ${added.length} added (${list(added)})`,
    `deleted: ${deletedWhy}; added: in data/ but not listed`];
}

/** bagit.txt's two lines, strictly: RFC 8493 §2.1.1 allows no space before the colon. */
function parseDeclaration(text: string): { version: string; encoding: string } | string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l !== '');
  if (lines.length !== 2) return `expected 2 lines (BagIt-Version, Tag-File-Character-Encoding), found ${lines.length}: ${JSON.stringify(text.slice(0, 200))}`;
  const v = /^BagIt-Version: (\S+)\s*$/.exec(lines[0]);
  if (!v) return `first line must be "BagIt-Version: M.N": ${JSON.stringify(lines[0])}`;
  if (!/^\d+\.\d+$/.test(v[1])) return `BagIt-Version ${JSON.stringify(v[1])} is not M.N`;
  const e = /^Tag-File-Character-Encoding: (\S+)\s*$/.exec(lines[1]);
  if (!e) return `second line must be "Tag-File-Character-Encoding: ENCODING": ${JSON.stringify(lines[1])}`;
  return { version: v[1], encoding: e[1] };
}

type TagEncoding = 'utf-8' | 'latin1' | 'utf-16';
function tagEncoding(label: string): TagEncoding | null {
  const l = label.toLowerCase().replace(/_/g, '-');
  if (l === 'utf-8' || l === 'utf8') return 'utf-8';
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'latin-1') return 'latin1';
  if (l === 'utf-16' || l === 'utf-16le' || l === 'utf-16be') return 'utf-16';
  return null;
}

function decodeTagFile(buf: Buffer, enc: TagEncoding, name: string): string | { error: string } {
  if (enc === 'latin1') return buf.toString('latin1');
  if (enc === 'utf-16') {
    if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
    if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
    return new TextDecoder('utf-16be').decode(buf);
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { error: `${name}: starts with a byte-order mark (RFC 8493 forbids it in UTF-8 tag files)` };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { error: `${name}: not valid UTF-8, as bagit.txt declares` };
  }
}

/** "Label: value" lines with continuation lines; labels may repeat and may have space before the colon. */
function parseBagInfo(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && out.length) { out[out.length - 1][1] += ` ${line.trim()}`; continue; }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}

/**
 * A manifest or fetch.txt path as a bag-relative path: percent-escapes of RFC 8493 decoded, a leading
 * "./" removed; one that leaves the bag (absolute, "~user", "..", a drive letter) is refused with why.
 */
export function bagPath(raw: string): string | { reason: string } {
  let p = decodeManifestPath(raw);
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')) return { reason: 'absolute path' };
  if (p.startsWith('~')) return { reason: 'home-folder shortcut' };
  while (p.startsWith('./')) p = p.slice(2);
  const parts = p.split('/');
  if (parts.some((s) => s === '..')) return { reason: '".." leaves the bag' };
  if (parts.some((s) => s === '.' || s === '')) return { reason: 'empty or "." path segment' };
  return p.normalize('NFC');
}

function readManifest(dir: string, name: string, readTag: (rel: string) => string | { error: string }): Map<string, string> | string {
  const text = readTag(name);
  if (typeof text !== 'string') return text.error;
  const map = new Map<string, string>();
  for (const [i, line] of text.split(/\r\n|\n|\r/).entries()) {
    if (line === '') continue;
    const m = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
    if (!m) return `${name} line ${i + 1}: not "<checksum> <filepath>"`;
    const p = bagPath(m[2]);
    if (typeof p !== 'string') return `${name} line ${i + 1}: path out of the bag's scope: ${JSON.stringify(m[2])} (${p.reason})`;
    if (map.has(p)) return `${name}: lists ${p} twice (RFC 8493 §2.1.3: each file once)`;
    map.set(p, m[1].toLowerCase());
  }
  void dir;
  return map;
}

function digestsOfFile(file: string, algs: readonly string[], signal?: AbortSignal): Record<string, string> {
  const hs = algs.map((a) => createHash(a));
  readFileChunks(file, (c) => { for (const h of hs) h.update(c); }, { signal });
  return Object.fromEntries(algs.map((a, i) => [a, hs[i].digest('hex')]));
}

function isFile(p: string): boolean {
  try { return fs.lstatSync(p).isFile(); } catch { return false; }
}

function isDir(p: string): boolean {
  try { return fs.lstatSync(p).isDirectory(); } catch { return false; }
}
