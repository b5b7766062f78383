// A found record whose name the screenshot does not give OCR to read (here: drawn as something else) is said
// by `triage`, which exits 1, instead of a clean "verified" (issue 13: 徳田澪 stood legible beside its
// blackened e-mail on a page whose export said verified; the same OCR read it wrong in the scan and the proof).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leakListCsv, makeSeedRecords } from '../../bench/seedscale/leak-list';
import { drawScreen } from '../../bench/seedscale/screenshot-book';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import { runShokoAsync } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';

afterAll(() => closeSharedOcrPool());

describe('triage of a screenshot whose found record\'s name cannot be located', () => {
  it('names the page in a "not sure" line and exits 1, though the export verifies', async () => {
    const dir = tmpDir('shoko-not-sure-');
    const records = makeSeedRecords(20);
    fs.writeFileSync(path.join(dir, 'list.csv'), leakListCsv(records));
    // Record 6 (M0000006) is shown with its phone and e-mail; where its name stands, other words.
    const shown = records.map((r, i) => (i === 5 ? { ...r, name: '記載なし' } : r));
    fs.writeFileSync(path.join(dir, 'screen.png'), drawScreen(shown, 0, 1));
    const r = await runShokoAsync(['triage', path.join(dir, 'screen.png'), '--leaks', path.join(dir, 'list.csv'), '--key', '会員ID', '--out', path.join(dir, 'out')]);
    expect(r.stdout, r.stderr).toContain('leaked records present    20 of 20 in the list');
    expect(r.stdout).toContain('verified                  yes');
    expect(r.stdout).toMatch(/not sure: item 1: name not located for 1 of 20 records found on its OCR pages \(page 1\)/);
    expect(r.code).toBe(1);
  }, 240_000);
});
