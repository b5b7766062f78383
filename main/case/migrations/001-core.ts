import type { Migration } from './types';

// The case itself, the evidence items and their acquisitions, and the custody log.
// custody_event is append-only: triggers refuse UPDATE and DELETE, and each row chains the previous one's hash.
export const migration: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE case_info (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  case_uuid TEXT NOT NULL,
  name TEXT NOT NULL,
  case_number TEXT,
  examiner TEXT,
  organization TEXT,
  created_at TEXT NOT NULL,
  created_tz_offset_min INTEGER NOT NULL,
  created_tz_name TEXT NOT NULL,
  hmac_key BLOB NOT NULL,
  app_version TEXT NOT NULL
);

CREATE TABLE evidence_item (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  sha1 TEXT NOT NULL,
  md5 TEXT NOT NULL,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  media_label TEXT NOT NULL,
  protection TEXT,
  first_name TEXT NOT NULL,
  extension_mismatch INTEGER NOT NULL DEFAULT 0,
  added_at TEXT NOT NULL
);

CREATE TABLE acquisition (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES evidence_item(id),
  original_name TEXT NOT NULL,
  original_path TEXT NOT NULL,
  original_mtime TEXT,
  acquired_at TEXT NOT NULL,
  tz_offset_min INTEGER NOT NULL,
  tz_name TEXT NOT NULL,
  collector TEXT,
  source TEXT,
  note TEXT
);
CREATE INDEX acquisition_item ON acquisition(item_id);

CREATE TABLE custody_event (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  item_id INTEGER,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
  BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
  BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
`,
};
