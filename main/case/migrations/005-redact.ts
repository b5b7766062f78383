import type { Migration } from './types';

// Redaction: boxes drawn by hand (hit-derived regions are computed from `hit` at export time, so a hit
// confirmed or dismissed later changes the next export), and every export written with its hash and the
// outcome of its re-read verification. Deleting a manual box only marks it: the custody log refers to it.
export const migration: Migration = {
  version: 5,
  name: 'redact',
  sql: `
CREATE TABLE redaction (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES evidence_item(id),
  page_index INTEGER NOT NULL CHECK (page_index >= 0),
  box_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  hit_id INTEGER,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX redaction_item_page ON redaction(item_id, page_index);

CREATE TABLE export (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('png', 'pdf', 'screenshot')),
  item_id INTEGER NOT NULL REFERENCES evidence_item(id),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  pages_json TEXT NOT NULL,
  region_count INTEGER NOT NULL,
  verification_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX export_item ON export(item_id);
`,
};
