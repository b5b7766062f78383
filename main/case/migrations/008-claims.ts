import type { Migration } from './types';

// Claims (docs/claims.md): per imported list a signed commitment (a Merkle root over salted hashes of
// every record's normalized fields) and each record's secret salt. The salts stay in the case: they are
// what keeps the records that are not in the book unguessable from the root (phone numbers are a small
// space). The plaintext list is still never stored; claims re-read it like matching does.
export const migration: Migration = {
  version: 8,
  name: 'claims',
  sql: `
CREATE TABLE list_commitment (
  set_id INTEGER PRIMARY KEY REFERENCES leak_set(id) ON DELETE CASCADE,
  root TEXT NOT NULL,
  records INTEGER NOT NULL,
  leaves INTEGER NOT NULL,
  statement BLOB NOT NULL,
  signature BLOB NOT NULL,
  public_key_pem TEXT NOT NULL,
  tsq BLOB NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE record_salt (
  set_id INTEGER NOT NULL REFERENCES leak_set(id) ON DELETE CASCADE,
  record_key TEXT NOT NULL,
  salt BLOB NOT NULL CHECK (length(salt) = 32),
  PRIMARY KEY (set_id, record_key)
) WITHOUT ROWID;
`,
};
