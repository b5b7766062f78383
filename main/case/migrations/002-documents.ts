import type { Migration } from './types';

// What the document engine read from each evidence item: the document (format, status, layout,
// metadata), its pages (size, OCR need, where the text came from) and the text of each page per
// source ('native' from the file, 'ocr' written by the OCR step). page_text has no foreign key to
// document_page on purpose: re-extracting pages must not cascade away OCR results of the same layout.
export const migration: Migration = {
  version: 2,
  name: 'documents',
  sql: `
CREATE TABLE document (
  item_id INTEGER PRIMARY KEY REFERENCES evidence_item(id),
  format TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'protected', 'failed')),
  error TEXT,
  layout_json TEXT,
  page_count INTEGER NOT NULL DEFAULT 0,
  metadata_json TEXT,
  extracted_at TEXT NOT NULL
);

CREATE TABLE document_page (
  item_id INTEGER NOT NULL REFERENCES document(item_id),
  page_index INTEGER NOT NULL,
  width REAL NOT NULL,
  height REAL NOT NULL,
  needs_ocr INTEGER NOT NULL DEFAULT 0,
  text_source TEXT NOT NULL CHECK (text_source IN ('native', 'ocr', 'mixed', 'none')),
  ocr_confidence REAL,
  images_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (item_id, page_index)
);

CREATE TABLE page_text (
  item_id INTEGER NOT NULL REFERENCES evidence_item(id),
  page_index INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('native', 'ocr')),
  lines_json TEXT NOT NULL,
  engine TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (item_id, page_index, source)
);
`,
};
