// Issue 12 "Read every character": the published files that lost text read ≥ 97 % of their reference
// characters (whitespace removed, NFKC), and say what the reader worked around.
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../main/documents/extract-document';
import type { DocumentFormat, ExtractionResult } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { corpus } from './generate';
import { characterCoverage, epubSpineText, normalized, svgText } from './reference-text';

const pool = new DocumentWorkerPool(1);
afterAll(() => pool.close());

const realworld = (name: string) => corpus(`realworld/${name}`);

async function read(name: string, format: DocumentFormat): Promise<{ result: ExtractionResult; text: string }> {
  const result = await extractDocument({ path: realworld(name), format }, { pool });
  expect(result.error).toBeUndefined();
  expect(result.status).toBe('ok');
  const text = normalized(result.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n'));
  return { result, text };
}

const noteCodes = (r: ExtractionResult) => (r.readNotes ?? []).map((n) => n.code);

describe('real books read whole (../shared/corpus/realworld)', () => {
  it('idpf-jlreq-in-japanese.epub: table cells are no longer cut at the page edge', async () => {
    const { text } = await read('idpf-jlreq-in-japanese.epub', 'epub');
    const reference = normalized(await epubSpineText(realworld('idpf-jlreq-in-japanese.epub')));
    expect(reference.length).toBeGreaterThan(200_000);
    const cov = characterCoverage(reference, text);
    expect(cov.coverage, `missing: ${cov.missing}`).toBeGreaterThanOrEqual(0.97);
    // Lines that ran past the right edge of notes in tables (each was lost whole before).
    for (const lost of [
      '(アキ組については,均等詰めを含めてJISX4051の4.18.1のb)に規定されている.)',
      'cl-16)の設計は,縦組でも横組でも読みやすく,かつ,ベタ組とした場合に',
      'の段落における最初の行頭に限り天付きとする方法もある.',
    ]) expect(text).toContain(normalized(lost));
  });

  it('idpf-kusamakura-preview-embedded.epub: ZIP names not marked UTF-8 are found', async () => {
    const { result, text } = await read('idpf-kusamakura-preview-embedded.epub', 'epub');
    const reference = normalized(await epubSpineText(realworld('idpf-kusamakura-preview-embedded.epub')));
    expect(reference.length).toBeGreaterThan(100_000);
    const cov = characterCoverage(reference, text);
    expect(cov.coverage, `missing: ${cov.missing}`).toBeGreaterThanOrEqual(0.97);
    expect(text).not.toContain('cannotfindchapter');
    // mutool 1.21 (Debian) reads this book whole: 107,658 characters.
    expect(text.length).toBeGreaterThanOrEqual(0.97 * 107_658);
    expect(result.readNotes).toContainEqual({ code: 'zip-name-encoding', detail: expect.stringMatching(/read as UTF-8 bytes/), partial: false });
    expect(noteCodes(result)).toContain('layout-horizontal-substitute');
  });

  it('idpf-sous-le-vent.epub: inline SVG <text>/<tspan> gives text lines with boxes', async () => {
    const { result, text } = await read('idpf-sous-le-vent.epub', 'epub');
    const reference = normalized(await epubSpineText(realworld('idpf-sous-le-vent.epub'), svgText));
    expect(reference.length).toBeGreaterThan(4000);
    const cov = characterCoverage(reference, text);
    expect(cov.coverage, `missing: ${cov.missing}`).toBeGreaterThanOrEqual(0.97);
    expect(text).toContain(normalized('SOUS LE VENT'));
    const chars = result.pages.flatMap((p) => p.lines.flatMap((l) => l.chars.map((c) => ({ c, p }))));
    for (const { c, p } of chars) {
      expect(c.box[0]).toBeGreaterThanOrEqual(0);
      expect(c.box[2]).toBeLessThanOrEqual(p.width + 0.5);
    }
    expect(noteCodes(result)).toContain('svg-text-reflowed');
    // The two full-page pictures (SVG <image>) are drawn full page again, and so go to OCR.
    expect(result.pages.filter((p) => p.needsOcr).length).toBe(2);
  });

  it('libmobi-sample-cp1252.mobi: <pre> lines wrap instead of running off the page', async () => {
    const { text } = await read('libmobi-sample-cp1252.mobi', 'mobi');
    // Reference: libmobi 0.11 (`mobitool -e`) rebuilds this book's markup; its text is 23,136 characters
    // (calibre reports the same). MuPDF alone laid out 645 of them.
    expect(text.length).toBeGreaterThanOrEqual(0.97 * 23_136);
    expect(text).toContain(normalized('This is a sample for testing libmobi project.'));
  });

  it('libmobi-sample-invalid-indx.mobi: a damaged record table is read around, and said to be partial', async () => {
    const { result, text } = await read('libmobi-sample-invalid-indx.mobi', 'mobi');
    // Reference: mutool 1.21 (Debian, MuPDF's own MOBI reader) lays out 18,352 characters of it.
    expect(text.length).toBeGreaterThanOrEqual(0.97 * 18_352);
    const note = result.readNotes?.find((n) => n.code === 'mobi-records-skipped');
    expect(note?.partial).toBe(true);
    expect(note?.detail).toMatch(/record count 287 but record 0 starts at 328/);
  });
});
