// A picture page (a screenshot in a CBZ or an image file) is exported at its own pixels unless a resolution
// is asked for: the press gets the picture as it was, and the proof reads the pixels the scan read (issue 13).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawScreen } from '../../bench/seedscale/screenshot-book';
import { makeSeedRecords } from '../../bench/seedscale/leak-list';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { extractItem } from '../../main/documents/extract-item';
import { addEvidence } from '../../main/evidence/intake';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import { exportRedacted } from '../../main/redact/export-redacted';
import { pngLayout } from '../../main/redact/image-bytes';
import { addManualRedaction } from '../../main/redact/redaction-store';
import { tmpDir } from '../helpers/paths';

let dir: string;
let c: CaseHandle;
let itemId: number;

beforeAll(async () => {
  dir = tmpDir('shoko-picture-export-');
  c = initCase(path.join(dir, 'case'), { name: 'Picture export', caseNumber: '2026-13' });
  const src = path.join(dir, 'screen.png');
  fs.writeFileSync(src, drawScreen(makeSeedRecords(20), 0, 1));
  [{ id: itemId }] = await addEvidence(c, [src]);
  await extractItem(c, itemId);
  // The first record's name line, in page points (the page is the picture at its stated or assumed density).
  addManualRedaction(c, { itemId, pageIndex: 0, box: [40, 100, 300, 150] });
});

afterAll(async () => {
  c?.close();
  await closeSharedOcrPool();
});

/** Width and height from the PNG's IHDR (the first chunk, right after the signature). */
const sizeOf = (file: string) => {
  const b = fs.readFileSync(file);
  expect(pngLayout(new Uint8Array(b)).chunks[0].type).toBe('IHDR');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe('picture pages exported', () => {
  it('at the picture\'s own pixels by default, proven', async () => {
    const r = await exportRedacted(c, { format: 'png', itemId, outDir: path.join(dir, 'own'), ocrLangs: 'jpn+eng' });
    expect(r.verification.ok, r.verification.failure).toBe(true);
    expect(sizeOf(r.exports[0].path)).toEqual([1242, 2208]);
  }, 120_000);

  it('at the resolution asked for when one is', async () => {
    const r = await exportRedacted(c, { format: 'png', itemId, dpi: 72, outDir: path.join(dir, 'asked'), ocrLangs: 'jpn+eng' });
    expect(r.verification.ok, r.verification.failure).toBe(true);
    const [w, h] = sizeOf(r.exports[0].path);
    expect(w).toBeLessThan(1242);
    expect(Math.abs(w / h - 1242 / 2208)).toBeLessThan(0.01);
  }, 120_000);
});
