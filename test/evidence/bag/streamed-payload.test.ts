// Large generated payload files are written piece by piece (claims.json is 240 MB at seed scale): the bytes,
// their hashes and the JSON must be exactly what writing the whole text at once gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimsJsonChunks } from '../../../main/claims/claims-files';
import type { ClaimsDoc } from '../../../main/claims/build-claims';
import { bagDigestsOf, BagWriter } from '../../../main/evidence/bag/bag-writer';
import { compactJson } from '../../../main/evidence/bag/compact-json';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function doc(claims: number): ClaimsDoc {
  return {
    format: 'shoko-claims/1', generatedAt: '2026-12-01T00:00:00Z',
    commitment: { file: 'commitment.json', sha256: 'a'.repeat(64), root: 'b'.repeat(64), records: 3, leaves: 12 },
    list: { sha256: 'c'.repeat(64), name: '会員.csv', keyColumn: '会員ID' }, records: claims,
    claims: Array.from({ length: claims }, (_, i) => ({
      record: `M${i}`, field: 'email', value: `user${i}@example.jp`, salt: 'd'.repeat(64), leaf: 'e'.repeat(64),
      path: [{ side: 'left' as const, hash: 'f'.repeat(64) }, { side: 'right' as const, hash: '0'.repeat(64) }],
      places: [{ hit: i, item: '1'.repeat(64), itemName: 'book.epub', page: 3, boxes: [[1, 2, 3, 4]], text: `user${i}@example.jp`, source: 'native', distance: 0 }],
    })) as ClaimsDoc['claims'],
    unclaimed: [{ record: 'M9', field: 'phone', hit: 99, reason: 'no committed phone value for this record' }],
  };
}

describe('streamed payload files', () => {
  it('claims.json in pieces is byte for byte the compact JSON of the whole document, and parses back to it', () => {
    for (const n of [0, 1, 3]) {
      const d = doc(n);
      const text = [...claimsJsonChunks(d)].join('');
      expect(text).toBe(`${compactJson(d, 3)}\n`);
      expect(JSON.parse(text)).toEqual(d);
    }
  });

  it('addPayloadChunks writes and hashes exactly the bytes of the pieces', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-chunks-'));
    dirs.push(dir);
    const bag = new BagWriter(path.join(dir, 'bag'));
    // Enough to cross the writer's 1 MB flush point several times, with multi-byte characters.
    const pieces = Array.from({ length: 40_000 }, (_, i) => `行 ${i}: ${'ß'.repeat(i % 50)}\n`);
    const d = bag.addPayloadChunks('big.txt', pieces);
    const whole = pieces.join('');
    expect(fs.readFileSync(path.join(dir, 'bag', 'data', 'big.txt'), 'utf8')).toBe(whole);
    expect(d).toEqual({ ...bagDigestsOf(whole), size: Buffer.byteLength(whole) });
  });
});
