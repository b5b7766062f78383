import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { resourcesDir } from '../report/report-font';
import { compactJson } from '../evidence/bag/compact-json';
import type { ClaimsBuild, ClaimsDoc } from './build-claims';

/** The verifier shipped in every claims folder (Python 3 standard library; openssl for the signature). */
export const VERIFIER = 'verify_claims.py';

/**
 * The files of a claims folder, by path relative to it: the verifier, a README, and per list
 * `list-<id>/` with claims.json, the signed commitment, its signature, its RFC 3161 request and the
 * examiner's public key. Nothing else: no originals, no report, no other record.
 */
export function claimsFiles(build: ClaimsBuild, opts: { without?: ReadonlySet<string> } = {}): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set(VERIFIER, fs.readFileSync(path.join(resourcesDir(), 'claims', VERIFIER)));
  files.set('README.txt', fs.readFileSync(path.join(resourcesDir(), 'claims', 'README.txt')));
  for (const s of build.sets) {
    const dir = `list-${s.setId}`;
    // `without`: files the caller writes itself (a package streams claims.json).
    if (!opts.without?.has(`${dir}/claims.json`)) files.set(`${dir}/claims.json`, Buffer.from([...claimsJsonChunks(s.doc)].join(''), 'utf8'));
    files.set(`${dir}/commitment.json`, s.commitment.statementBytes);
    files.set(`${dir}/commitment.sig`, s.commitment.signature);
    files.set(`${dir}/commitment.tsq`, s.commitment.tsq);
    files.set(`${dir}/public-key.pem`, Buffer.from(s.commitment.publicKeyPem, 'utf8'));
  }
  return files;
}

/**
 * A list's claims.json a piece at a time, the same bytes as compactJson(doc, 3) + newline: each claim on its
 * own lines with its path and places inline. At seed scale the file is 240 MB; a package writes it as it
 * comes (BagWriter.addPayloadChunks) instead of holding it, and its JSON text, whole.
 */
export function* claimsJsonChunks(doc: ClaimsDoc): Generator<string> {
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined);
  yield '{\n';
  for (const [i, [k, v]] of entries.entries()) {
    const sep = i < entries.length - 1 ? ',\n' : '\n';
    if (k !== 'claims' || !Array.isArray(v) || v.length === 0) {
      yield `  ${JSON.stringify(k)}: ${compactJson(v, 3, '  ', 1)}${sep}`;
      continue;
    }
    yield `  ${JSON.stringify(k)}: [\n`;
    for (let j = 0; j < v.length; j++) yield `    ${compactJson(v[j], 3, '  ', 2)}${j < v.length - 1 ? ',\n' : '\n'}`;
    yield `  ]${sep}`;
  }
  yield '}\n';
}

/** The claims bundle for a platform or the police: the claims folder as one zip with a top folder `claims/`. */
export async function writeClaimsZip(files: ReadonlyMap<string, Buffer>, zipFile: string, mtime = new Date()): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [rel, bytes] of files) zip.addBuffer(bytes, `claims/${rel}`, { mtime, mode: rel === VERIFIER ? 0o100755 : 0o100644 });
  zip.end();
  // 'wx': an existing file is never overwritten (a bundle already handed out stays what it was).
  await pipeline(zip.outputStream, fs.createWriteStream(zipFile, { flags: 'wx' }));
}

/** The list folders (`list-<id>`) of an unpacked claims folder. */
export function claimListDirs(dir: string): string[] {
  return fs.readdirSync(dir).filter((d) => /^list-\d+$/.test(d) && fs.statSync(path.join(dir, d)).isDirectory()).sort();
}

/** Reads a file of an unpacked claims folder, or null when it is not there. */
export function claimsReader(dir: string): (rel: string) => Buffer | null {
  return (rel) => {
    const p = path.join(dir, ...rel.split('/'));
    return fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p) : null;
  };
}
