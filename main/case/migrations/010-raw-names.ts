import type { Migration } from './types';

// File names that are not UTF-8 (Shift_JIS names from old Windows machines and ZIPs): the acquisition keeps
// the readable form in original_name/original_path as before and the bytes themselves here, NULL for UTF-8
// names. original_name_decoding says how the readable form was made: 'cp932' (decoded as Shift_JIS) or
// 'escaped' (bytes written \xNN).
export const migration: Migration = {
  version: 10,
  name: 'raw-names',
  sql: `
ALTER TABLE acquisition ADD COLUMN original_name_hex TEXT;
ALTER TABLE acquisition ADD COLUMN original_name_decoding TEXT CHECK (original_name_decoding IN ('cp932', 'escaped'));
ALTER TABLE acquisition ADD COLUMN original_path_hex TEXT;
`,
};
