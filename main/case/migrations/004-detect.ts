import type { Migration } from './types';

// Detection: imported leaked-record lists and the hits found on pages.
// The plaintext list is never stored: leak_set keeps where the file is and its SHA-256 (matching re-reads
// it and refuses a changed file), leak_record keeps per record its key and HMAC-SHA-256 (per-case key,
// case_info.hmac_key) of each normalized field. A hit stores the page text it matched (it is on the
// page, and page text is in the case already) so reviewers see what was found.
export const migration: Migration = {
  version: 4,
  name: 'detect',
  sql: `
CREATE TABLE leak_set (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  file_path TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'tsv', 'xlsx', 'jsonl')),
  encoding TEXT,
  sheet TEXT,
  key_column TEXT,
  columns_json TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  bad_row_count INTEGER NOT NULL,
  bad_rows_json TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE leak_record (
  set_id INTEGER NOT NULL REFERENCES leak_set(id) ON DELETE CASCADE,
  record_key TEXT NOT NULL,
  row_number INTEGER NOT NULL,
  line INTEGER NOT NULL,
  field_hashes_json TEXT NOT NULL,
  PRIMARY KEY (set_id, record_key)
) WITHOUT ROWID;

-- kind 'record': a field of a listed record (set_id, record_key, field); kind 'pii': a recognizer finding
-- (set_id 0, record_key '', field = recognizer type). record_score/present: the record's verdict on that page.
CREATE TABLE hit (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  page_index INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'pii')),
  set_id INTEGER NOT NULL DEFAULT 0,
  record_key TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL,
  recognizer TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  value TEXT,
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  boxes_json TEXT NOT NULL,
  score REAL NOT NULL,
  record_score REAL,
  present INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL CHECK (source IN ('native', 'ocr')),
  distance INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (item_id, page_index, kind, set_id, record_key, field, char_start, char_end)
);
CREATE INDEX hit_item_page ON hit(item_id, page_index);
CREATE INDEX hit_record ON hit(set_id, record_key);
`,
};
