import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { exportClaims } from '../../main/claims/export-claims';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { addEvidence } from '../../main/evidence/intake';
import { scanCase } from '../../main/pipeline/scan';
import { makePeople, toCsv } from '../detect/support/fake-people';
import { writeTableEpub } from '../detect/support/leak-table-book';
import { REPO_ROOT, tmpDir } from '../helpers/paths';

// Issue 18's goal at the hold-out's size: a 2,000-record list, a book that republishes 400 of them; the
// platform's check with only the bundle and its own copy of the book, no Shoko, no network.
describe('claims at the hold-out size', () => {
  it('the verifier confirms all 400 present records from the bundle and a copy of the book', async () => {
    const root = tmpDir('shoko-claims-scale-');
    process.env.SHOKO_HOME = path.join(root, 'home');
    // Seeded fictitious people; the name dictionary's CRLF leaves a \r in generated e-mails: dropped here.
    const people = makePeople(2000, 1818).map((p) => ({ ...p, email: p.email.replace(/\r/g, '') }));
    const list = path.join(root, 'members.csv');
    fs.writeFileSync(list, toCsv(people));
    const book = path.join(root, 'book.epub');
    await writeTableEpub(book, people.filter((_, i) => i % 5 === 0), { seed: 18, layout: 'blocks' });
    const c = initCase(path.join(root, 'case'), { name: 'claims at scale' });
    await addEvidence(c, [book]);
    await importLeakList(c, list, { key: '会員ID' });
    await scanCase(c, { ocr: 'never' });
    const zip = path.join(root, 'claims.zip');
    const r = await exportClaims(c, zip);
    expect(r.lists[0].records).toBe(400);
    c.close();
    // Its size stays small enough to attach to a takedown request.
    expect(fs.statSync(zip).size).toBeLessThan(2_000_000);
    const t0 = performance.now();
    const v = spawnSync('python3', [path.join(REPO_ROOT, 'resources/claims/verify_claims.py'), zip, '--book', book], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    expect(v.status, v.stdout.slice(-2000) + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/(\d+) of \1 claims verified, 400 record\(s\) shown to be in the committed list/);
    expect(v.stdout).toContain('named in the claims');
    console.log(`claims at scale: ${r.lists[0].claims} claims, bundle ${fs.statSync(zip).size} bytes, verified in ${seconds.toFixed(1)} s`);
  });
});
