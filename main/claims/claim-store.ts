import type { CaseDb } from '../case/case-db';
import type { Field } from '../detect/normalize/fields';
import { appendCustodyEvent } from '../evidence/custody-log';
import { sha256Hex } from '../evidence/hashing';
import type { ExaminerKey } from '../evidence/signing/examiner-key';
import { CommitmentBuilder, signCommitment, type CommitmentStatement, type SignedCommitment } from './commitment';

/**
 * Commits a list while it is imported: each record's salt is stored as the record goes by, and the
 * signed root at the end, with a `leaks.committed` custody event. Runs inside the import's transaction,
 * so a list is never imported without its commitment, nor committed without its records.
 */
export class ListCommitter {
  private readonly builder: CommitmentBuilder;
  private readonly insertSalt;

  constructor(private readonly db: CaseDb, private readonly setId: number, expectedRecords: number, knownSalts?: ReadonlyMap<string, Buffer>) {
    this.builder = new CommitmentBuilder(expectedRecords, knownSalts);
    this.insertSalt = db.prepare('INSERT INTO record_salt (set_id, record_key, salt) VALUES (?, ?, ?)');
  }

  add(recordKey: string, normalized: Partial<Record<Field, string>>): void {
    this.insertSalt.run(this.setId, recordKey, this.builder.add(recordKey, normalized));
  }

  finish(list: CommitmentStatement['list'], key: ExaminerKey, createdAt: string): SignedCommitment {
    const signed = signCommitment(this.builder.tree(), this.builder.recordCount, this.builder.leafCount, list, key, createdAt);
    const s = signed.statement;
    this.db.prepare(`INSERT INTO list_commitment (set_id, root, records, leaves, statement, signature, public_key_pem, tsq, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(this.setId, s.root, s.records, s.leaves, signed.statementBytes, signed.signature, signed.publicKeyPem, signed.tsq, createdAt);
    appendCustodyEvent(this.db, { action: 'leaks.committed', details: { setId: this.setId, root: s.root, records: s.records, leaves: s.leaves,
      statementSha256: sha256Hex(signed.statementBytes), examinerKey: s.examinerKey } });
    return signed;
  }
}

export interface StoredCommitment {
  setId: number;
  statement: CommitmentStatement;
  statementBytes: Buffer;
  signature: Buffer;
  publicKeyPem: string;
  tsq: Buffer;
}

export function loadCommitment(db: CaseDb, setId: number): StoredCommitment | null {
  const row = db.prepare('SELECT statement, signature, public_key_pem, tsq FROM list_commitment WHERE set_id = ?').get(setId) as
    { statement: Buffer; signature: Buffer; public_key_pem: string; tsq: Buffer } | undefined;
  if (!row) return null;
  return { setId, statement: JSON.parse(row.statement.toString('utf8')) as CommitmentStatement, statementBytes: row.statement,
    signature: row.signature, publicKeyPem: row.public_key_pem, tsq: row.tsq };
}

/** Every record's salt of one list (secret: never leaves the case except as a disclosed field salt). */
export function loadSalts(db: CaseDb, setId: number): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const r of db.prepare('SELECT record_key, salt FROM record_salt WHERE set_id = ?').iterate(setId) as Iterable<{ record_key: string; salt: Buffer }>) {
    out.set(r.record_key, r.salt);
  }
  return out;
}
