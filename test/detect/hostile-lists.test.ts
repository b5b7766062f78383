import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { tmpDir } from '../helpers/paths';
import { runShokoAsync } from '../helpers/run-cli';

// Issue 16, item 7: a list built to lose records quietly, or to blow up the error message.
function memberRows(n: number, broken?: { row: number; cell: string }): string {
  let csv = '会員ID,氏名,メール\n';
  for (let i = 1; i <= n; i++) csv += `M${i},${broken?.row === i ? broken.cell : `会員 ${i}`},m${i}@example.com\n`;
  return csv;
}

describe('hostile leak lists', () => {
  it('an unterminated quote in row 5 of 1,000 refuses the file with its line, never "imported 4 records"', async () => {
    const dir = tmpDir('shoko-hostile-list-');
    const file = path.join(dir, 'members.csv');
    fs.writeFileSync(file, memberRows(1000, { row: 5, cell: '"山田 太郎' }));
    const c = initCase(path.join(dir, 'case'), { name: 'hostile list' });
    await expect(importLeakList(c, file, { key: '会員ID' })).rejects.toThrow(/line 6: a quote \(".*not closed.*nothing was imported/);
    expect((c.db.prepare('SELECT count(*) AS n FROM leak_set').get() as { n: number }).n).toBe(0);
    c.close();
    // The CLI: bad input, exit 2.
    const r = await runShokoAsync(['leaks', 'import', path.join(dir, 'case'), file, '--key', '会員ID']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 6');
  });

  it('a quote that closes rows later (swallowing the rows between) is refused too', async () => {
    const dir = tmpDir('shoko-hostile-list-');
    const file = path.join(dir, 'members.csv');
    const csv = memberRows(50, { row: 5, cell: '"山田 太郎' }).replace('M20,会員 20', 'M20,"会員 20"x"');
    fs.writeFileSync(file, csv);
    const c = initCase(path.join(dir, 'case'), { name: 'hostile list' });
    await expect(importLeakList(c, file, { key: '会員ID' })).rejects.toThrow(/line 6: a quote/);
    c.close();
  });

  it('a header of 2,000,000 columns gives a short error, not megabytes', async () => {
    const dir = tmpDir('shoko-hostile-list-');
    const file = path.join(dir, 'wide.csv');
    const header = Array.from({ length: 2_000_000 }, (_, i) => `c${i}`).join(',');
    fs.writeFileSync(file, `${header}\n${'x,'.repeat(10)}\n`);
    const c = initCase(path.join(dir, 'case'), { name: 'wide list' });
    const err = await importLeakList(c, file).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/no column maps to a matchable field .*… 1999980 more/);
    expect(err!.message.length).toBeLessThan(2000);
    c.close();
  });
});
