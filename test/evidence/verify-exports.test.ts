import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { appendCustodyEvent } from '../../main/evidence/custody-log';
import { sha256File } from '../../main/evidence/hashing';
import { addEvidence } from '../../main/evidence/intake';
import { verifyCase } from '../../main/evidence/verify-case';
import { recordExport } from '../../main/redact/export-store';
import { corpusFile, tmpDir } from '../helpers/paths';

describe('case verification of exports', () => {
  it('fails on an export altered after it was written, and only notes one that was moved', async () => {
    const c = initCase(path.join(tmpDir(), 'case'), { name: 'exports' });
    const [item] = await addEvidence(c, [corpusFile('images/ja-rendered-pii-form-SYNTHETIC.png')]);
    const files = ['a.png', 'b.png'].map((n) => path.join(c.exportsDir, n));
    for (const f of files) {
      fs.copyFileSync(corpusFile('images/en-tesseract-phototest-rotated-180.png'), f);
      const r = recordExport(c, { kind: 'png', itemId: item.id, file: f, sha256: sha256File(f), size: fs.statSync(f).size, pages: [0], regionCount: 1, verification: { ok: true, checks: [] } });
      // As the exporter does: an export without its custody event is itself a verification failure.
      appendCustodyEvent(c.db, { action: 'redact.exported', itemId: item.id, details: { outputs: [{ exportId: r.id, path: r.path, sha256: r.sha256 }] } });
    }
    expect(verifyCase(c).ok).toBe(true);

    fs.rmSync(files[1]);
    const moved = verifyCase(c);
    expect(moved.ok).toBe(true);
    expect(moved.checks.some((x) => /export 2: not found/.test(x.what))).toBe(true);

    fs.appendFileSync(files[0], 'tEXt');
    const altered = verifyCase(c);
    expect(altered.ok).toBe(false);
    expect(altered.failure).toMatch(/export 1 a\.png: altered since export/);
    c.close();
  });
});
