import type { Migration } from './types';

// Whether each reflowable item was read whole: the share of its source characters found on the pages
// (coverage, 0–1), the measure with the places that went missing (coverage_json), what the reader
// had to work around (read_notes_json), and the one-line reason when the item is `partial`.
// NULL coverage: not measured (fixed-layout formats, image sets, items extracted before this step).
export const migration: Migration = {
  version: 7,
  name: 'coverage',
  sql: `
ALTER TABLE document ADD COLUMN coverage REAL CHECK (coverage IS NULL OR (coverage >= 0 AND coverage <= 1));
ALTER TABLE document ADD COLUMN coverage_json TEXT;
ALTER TABLE document ADD COLUMN read_notes_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE document ADD COLUMN partial_reason TEXT;
-- 0 for rows extracted before this step: a scan re-extracts those reflowable items to measure them.
ALTER TABLE document ADD COLUMN coverage_checked INTEGER NOT NULL DEFAULT 0;
`,
};
