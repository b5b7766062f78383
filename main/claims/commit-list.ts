import fs from 'node:fs';
import path from 'node:path';
import { now } from '../common/clock';
import { badInput } from '../common/errors';
import type { EncodingChoice } from '../detect/leaks/decode';
import { applyMapOption, guessMapping, resolveColumn } from '../detect/leaks/header-map';
import { openList } from '../detect/leaks/read-list';
import { normalizeRow } from '../detect/leaks/record-fields';
import { loadOrCreateExaminerKey } from '../evidence/signing/examiner-key';
import { CommitmentBuilder, signCommitment, type CommitmentStatement } from './commitment';
import { writeSaltsFile } from './salts-file';

export interface StandaloneCommitment {
  statement: CommitmentStatement;
  files: { commitment: string; signature: string; request: string; publicKey: string; salts: string };
}

/**
 * `shoko leaks commit`: a company commits to its member list before any incident (and stamps it), with no
 * case. Writes the public commitment (signed, with an RFC 3161 request) and, apart, the secret salts that a
 * later `leaks import --salts` adopts so the case commits to the same root.
 */
export async function commitListFile(listFile: string, out: string, opts: { key?: string; map?: string; encoding?: EncodingChoice; sheet?: string } = {}): Promise<StandaloneCommitment> {
  const abs = path.resolve(listFile);
  const base = path.resolve(out);
  const files = { commitment: base, signature: `${base}.sig`, request: `${base}.tsq`, publicKey: `${base}.pub.pem`, salts: `${base}.salts.jsonl` };
  for (const f of Object.values(files)) if (fs.existsSync(f)) throw badInput(`${f}: already exists; a commitment is never overwritten`);
  if (!fs.existsSync(path.dirname(base))) throw badInput(`${path.dirname(base)}: no such folder`);
  const list = await openList(abs, { encoding: opts.encoding, sheet: opts.sheet }); // in chunks, SHA-256 of the bytes read
  const mapping = applyMapOption(list.headers, guessMapping(list.headers), opts.map);
  const keyCol = opts.key ? resolveColumn(list.headers, opts.key, '--key') : null;
  const builder = new CommitmentBuilder(Math.max(1024, Math.ceil(list.size / 100)));
  const salts = new Map<string, Buffer>();
  list.forEachRow((row) => {
    const key = keyCol === null ? String(row.rowNumber) : row.cells[keyCol].trim();
    if (!key || salts.has(key)) return; // the same rows an import sets aside
    salts.set(key, builder.add(key, normalizeRow(row.cells, mapping)));
  });
  const key = loadOrCreateExaminerKey();
  const signed = signCommitment(builder.tree(), builder.recordCount, builder.leafCount,
    { sha256: list.sha256, name: path.basename(abs), keyColumn: keyCol === null ? null : list.headers[keyCol] }, key, now().utc);
  writeSaltsFile(files.salts, salts);
  fs.writeFileSync(files.commitment, signed.statementBytes, { flag: 'wx' });
  fs.writeFileSync(files.signature, signed.signature, { flag: 'wx' });
  fs.writeFileSync(files.request, signed.tsq, { flag: 'wx' });
  fs.writeFileSync(files.publicKey, signed.publicKeyPem, { flag: 'wx' });
  return { statement: signed.statement, files };
}
