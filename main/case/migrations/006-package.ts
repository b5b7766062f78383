import type { Migration } from './types';

// Evidence packages built from the case (BagIt bags) and RFC 3161 timestamp replies imported for them.
// A package row is written once the bag is complete and in place; its custody events carry the same facts.
export const migration: Migration = {
  version: 6,
  name: 'package',
  sql: `
CREATE TABLE package (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('dir', 'zip')),
  sha256 TEXT,
  tagmanifest_sha256 TEXT NOT NULL,
  payload_oxum TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  include_originals INTEGER NOT NULL,
  redacted_only INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE timestamp_reply (
  id INTEGER PRIMARY KEY,
  package_id INTEGER REFERENCES package(id),
  tagmanifest_sha256 TEXT NOT NULL,
  tsr_sha256 TEXT NOT NULL,
  gen_time TEXT NOT NULL,
  serial TEXT NOT NULL,
  tsa TEXT,
  signature_checked INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
`,
};
