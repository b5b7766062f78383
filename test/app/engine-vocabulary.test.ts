import { describe, expect, it } from 'vitest';
import { ENCODING_CHOICES } from '../../main/detect/leaks/decode';
import { FIELDS } from '../../main/detect/normalize/fields';
import { toEvidenceRow } from '../../main/services/evidence-view';
import { ENCODINGS, LEAK_FIELDS } from '../../shared/ipc/vocabulary';
import type { EvidenceItem } from '../../main/case/evidence-items';

// shared/ipc keeps its own copies of the engine's word lists (the renderer may not import main/);
// these fail when the two drift apart.
describe('the renderer vocabulary', () => {
  it('offers exactly the fields and encodings the leak importer accepts', () => {
    expect([...LEAK_FIELDS]).toEqual([...FIELDS]);
    expect([...ENCODINGS]).toEqual([...ENCODING_CHOICES]);
  });
});

describe('evidence rows', () => {
  const item = (mediaType: string, protection: string | null = null): EvidenceItem => ({
    id: 1, sha256: 'a'.repeat(64), sha1: 'b'.repeat(40), md5: 'c'.repeat(32), size: 10, mediaType, mediaLabel: mediaType,
    protection, extensionMismatch: false, name: 'x', addedAt: '2026-01-01T00:00:00.000Z', acquisitions: [],
  });

  it('calls supported what the document engine has an opener for, unless protected', () => {
    expect(toEvidenceRow(item('application/epub+zip')).supported).toBe(true);
    expect(toEvidenceRow(item('image/webp')).supported).toBe(true);
    expect(toEvidenceRow(item('application/epub+zip', 'drm')).supported).toBe(false);
    expect(toEvidenceRow(item('application/vnd.amazon.kfx', 'drm')).supported).toBe(false);
    expect(toEvidenceRow(item('text/html')).supported).toBe(false);
    expect(toEvidenceRow(item('application/octet-stream')).supported).toBe(false);
  });
});
