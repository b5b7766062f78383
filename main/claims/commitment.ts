import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';
import { FIELDS, type Field } from '../detect/normalize/fields';
import { withoutPrefecture } from '../detect/normalize/prefectures';
import { signBytes, type ExaminerKey } from '../evidence/signing/examiner-key';
import { createTimestampRequest } from '../evidence/timestamp/timestamp-request';
import { fieldSalt, leafHash, MerkleTree, type PathStep } from './merkle';

export const COMMITMENT_FORMAT = 'shoko-list-commitment/1';
/** The normalization a committed value went through (docs/claims.md, "Normalization"). */
export const NORMALIZATION = 'shoko-fold/1';
/** The committed name of an address with its prefecture taken off (the matcher finds either form). */
export const ADDRESS_REST = 'address.sans-prefecture';

/** What is signed and stamped: the root and what it covers. Written as canonical JSON (sorted keys). */
export interface CommitmentStatement {
  format: typeof COMMITMENT_FORMAT;
  list: { sha256: string; name: string; keyColumn: string | null };
  records: number;
  leaves: number;
  root: string;
  normalization: typeof NORMALIZATION;
  createdAt: string;
  examinerKey: string;
}

/** One committed (record, field) value. */
export interface CommittedValue {
  field: string;
  value: string;
  leaf: Buffer;
}

/** The committed values of one record: every normalized field, and an address without its prefecture. */
export function recordLeaves(recordSalt: Uint8Array, recordKey: string, normalized: Partial<Record<Field, string>>): CommittedValue[] {
  const out: CommittedValue[] = [];
  const add = (field: string, value: string) => out.push({ field, value, leaf: leafHash(fieldSalt(recordSalt, field), recordKey, field, value) });
  for (const f of FIELDS) {
    const v = normalized[f];
    if (v === undefined) continue;
    add(f, v);
    if (f === 'address') {
      const rest = withoutPrefecture(v);
      if (rest && rest.length >= 4) add(ADDRESS_REST, rest);
    }
  }
  return out;
}

/** Salts drawn in blocks (one randomBytes call per 2,048 records, not per record). */
class SaltSource {
  private block = Buffer.alloc(0);
  private at = 0;
  next(): Buffer {
    if (this.at >= this.block.length) {
      this.block = randomBytes(32 * 2048);
      this.at = 0;
    }
    const s = Buffer.from(this.block.subarray(this.at, this.at + 32));
    this.at += 32;
    return s;
  }
}

/**
 * A record's own subtree root: the tree over its field leaves. The list's tree is built over these, so the
 * path of a claimed field first passes the same record's other fields (hashes under salts never disclosed),
 * then whole records' roots: no field leaf of another record is ever a path node.
 */
export function recordRoot(values: readonly CommittedValue[]): Buffer {
  return new MerkleTree(Buffer.concat(values.map((v) => v.leaf))).root;
}

/**
 * The paths from a record's field leaves to the list's root: first the record's own tree, then its root's
 * path up the list's tree, both made once per record (a seed-scale book claims 116,896 fields of 14,612).
 */
export function recordClaimPaths(list: MerkleTree, values: readonly CommittedValue[]): (leaf: Buffer) => PathStep[] {
  const own = new MerkleTree(Buffer.concat(values.map((v) => v.leaf)));
  const up = list.path(own.root);
  return (leaf) => [...own.path(leaf), ...up];
}

/**
 * Collects the record roots of a list, record by record, as it is read (the list is never held whole).
 * `knownSalts` adopts the salts of an earlier `shoko leaks commit` of the same list, so that the case's
 * root equals the root that was stamped then.
 */
export class CommitmentBuilder {
  private roots: Buffer;
  private used = 0;
  private records = 0;
  private leaves = 0;
  private readonly salts = new SaltSource();

  constructor(expectedRecords = 1024, private readonly knownSalts?: ReadonlyMap<string, Buffer>) {
    this.roots = Buffer.alloc(Math.max(1, expectedRecords) * 32);
  }

  /** Adds a record; returns the record's salt (to be kept secret, with the case). */
  add(recordKey: string, normalized: Partial<Record<Field, string>>): Buffer {
    const salt = this.knownSalts?.get(recordKey) ?? this.salts.next();
    this.records++;
    const values = recordLeaves(salt, recordKey, normalized);
    if (!values.length) return salt; // nothing to commit: counted as a record, adds no leaf
    if (this.used + 32 > this.roots.length) {
      const grown = Buffer.alloc(this.roots.length * 2);
      this.roots.copy(grown, 0, 0, this.used);
      this.roots = grown;
    }
    recordRoot(values).copy(this.roots, this.used);
    this.used += 32;
    this.leaves += values.length;
    return salt;
  }

  get recordCount(): number { return this.records; }
  get leafCount(): number { return this.leaves; }

  tree(): MerkleTree {
    return new MerkleTree(this.roots.subarray(0, this.used));
  }
}

export interface SignedCommitment {
  statement: CommitmentStatement;
  /** The exact bytes signed and stamped (commitment.json). */
  statementBytes: Buffer;
  /** Raw 64-byte Ed25519 signature over statementBytes. */
  signature: Buffer;
  publicKeyPem: string;
  /** RFC 3161 request over statementBytes (SHA-256 imprint), for an accredited TSA. */
  tsq: Buffer;
}

export function signCommitment(tree: MerkleTree, records: number, leaves: number, list: CommitmentStatement['list'], key: ExaminerKey, createdAt: string): SignedCommitment {
  const statement: CommitmentStatement = {
    format: COMMITMENT_FORMAT, list, records, leaves, root: tree.root.toString('hex'),
    normalization: NORMALIZATION, createdAt, examinerKey: key.fingerprint,
  };
  const statementBytes = Buffer.from(`${canonicalJson(statement)}\n`, 'utf8');
  return { statement, statementBytes, signature: signBytes(key, statementBytes), publicKeyPem: key.publicKeyPem, tsq: createTimestampRequest(statementBytes).der };
}
