import type { Migration } from './types';

// OCR results keyed by what was read and how: the image's SHA-256, the languages, the writing-mode
// choice and the engine (tesseract.js + core + model data). A page image is never OCR'd twice for the
// same key; the cache is re-creatable, never evidence.
export const migration: Migration = {
  version: 3,
  name: 'ocr',
  sql: `
CREATE TABLE ocr_cache (
  image_sha256 TEXT NOT NULL,
  langs TEXT NOT NULL,
  mode TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  result_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (image_sha256, langs, mode, engine_version)
);
`,
};
