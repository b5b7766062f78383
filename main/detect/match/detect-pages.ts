import type { Box } from '../../../shared/model/geometry';
import type { PageContent, TextSource } from '../../../shared/model/page';
import { FIELDS, type Field } from '../normalize/fields';
import { DASH, SPACE } from '../normalize/char-fold';
import type { FoldedText } from '../normalize/folded-text';
import { foldText } from '../normalize/match-fold';
import { DEFAULT_RECOGNIZERS, recognize } from '../recognizers/index';
import type { PiiType, Recognizer } from '../recognizers/types';
import { standsAlone } from './boundaries';
import { FuzzyIndex } from './fuzzy-index';
import type { LeakIndex } from './leak-index';
import { baseView, coverReading, onPage, pageChars, rangeBoxes, rangeSource, rangeText, readingView, touchesReading, type PageChars } from './page-chars';
import { judgeRecord, type FieldMatch } from './record-score';

export interface Occurrence {
  field: Field;
  text: string;
  /** Offsets into the page's chars (lines joined by one '\n'), end exclusive. */
  charStart: number;
  charEnd: number;
  boxes: Box[];
  source: TextSource;
  /** Edit distance of an OCR-tolerant match; 0 for exact. */
  distance: number;
}

export interface RecordOnPage {
  recordKey: string;
  present: boolean;
  score: number;
  occurrences: Occurrence[];
}

export interface PiiHit {
  type: PiiType;
  text: string;
  value: string;
  charStart: number;
  charEnd: number;
  boxes: Box[];
  source: TextSource;
  score: number;
}

export interface PageDetection {
  pageIndex: number;
  records: RecordOnPage[];
  pii: PiiHit[];
}

export interface DetectOptions {
  recognizers?: readonly Recognizer[];
  /** Weak hits (not present) from a value shared by more records than this are dropped: a common name says nothing. */
  maxWeakAmbiguity?: number;
}

/** A leak index with its OCR-tolerant companion, built on first need. */
export class Matcher {
  private fuzzy: FuzzyIndex | null = null;
  constructor(readonly index: LeakIndex) {}
  fuzzyIndex(): FuzzyIndex {
    return (this.fuzzy ??= FuzzyIndex.build(this.index));
  }
}

/**
 * The pure core of detection: pages in, hits out. Record matching needs a leak index (or none: only
 * generic recognizers run). OCR pages also get OCR-tolerant matching.
 */
export function detectPages(pages: readonly PageContent[], matcher: Matcher | null, opts: DetectOptions = {}): PageDetection[] {
  return pages.map((p) => detectPage(p, matcher, opts));
}

export function detectPage(page: PageContent, matcher: Matcher | null, opts: DetectOptions = {}): PageDetection {
  const pc = pageChars(page);
  const ocr = pc.lineSource.includes('ocr');
  // Ruby readings are left out of the text detection reads; offsets still index the page's chars.
  const base = baseView(pc);
  const recognizerText = base
    ? onPage(foldText(base.chars, { ocr, keepSeparators: true }), base)
    : foldText(pc.chars, { ocr, keepSeparators: true });
  const findings = recognize(recognizerText.text, opts.recognizers ?? DEFAULT_RECOGNIZERS);
  const pii: PiiHit[] = findings.map((f) => {
    const a = recognizerText.start[f.start], b = coverReading(pc, recognizerText.end[f.end - 1]);
    return { type: f.type, text: rangeText(pc, a, b), value: f.value, charStart: a, charEnd: b, boxes: rangeBoxes(pc, a, b), source: rangeSource(pc, a), score: f.score };
  });
  const records = matcher ? matchRecords(pc, ocr, matcher, pii, withoutSeparators(recognizerText), opts) : [];
  return { pageIndex: page.index, records, pii };
}

/**
 * The matching fold from the recognizer fold: the two differ only in that matching drops every space and
 * dash (foldText with keepSeparators: false), so one fold per page serves both.
 */
export function withoutSeparators(f: FoldedText): FoldedText {
  const n = f.text.length;
  const start = new Int32Array(n), end = new Int32Array(n);
  let out = '', m = 0, from = 0;
  for (let i = 0; i < n; i++) {
    const c = f.text.charCodeAt(i);
    if (c !== SPACE && c !== DASH) { start[m] = f.start[i]; end[m] = f.end[i]; m++; continue; }
    out += f.text.slice(from, i);
    from = i + 1;
  }
  out += f.text.slice(from);
  return { text: out, start: start.subarray(0, m), end: end.subarray(0, m) };
}

function matchRecords(pc: PageChars, ocr: boolean, matcher: Matcher, pii: readonly PiiHit[], folded: FoldedText, opts: DetectOptions): RecordOnPage[] {
  const index = matcher.index;
  const matches: FieldMatch[] = [];
  const onMatch = (text: FoldedText, reading: boolean, id: number, s: number, e: number, distance: number) => {
    const a = text.start[s], end = text.end[e - 1];
    const key = index.patterns.key(id);
    if (!standsAlone(key, pc.chars, a, end)) return;
    // The reading view repeats the base text where there is no ruby: only hits on a reading are new there.
    if (reading && !touchesReading(pc, a, end)) return;
    const b = coverReading(pc, end);
    const from = index.postStart[id], to = index.postStart[id + 1];
    for (let p = from; p < to; p++) {
      matches.push({ record: index.postRecord[p], field: FIELDS[index.postField[p]], start: a, end: b, line: pc.line[a],
        distance, length: key.length, ambiguity: to - from, ...(reading ? { reading } : {}) });
    }
  };
  index.patterns.search(folded.text, (id, s, e) => onMatch(folded, false, id, s, e, 0));
  if (ocr) matcher.fuzzyIndex().search(folded.text, (id, s, e, d) => onMatch(folded, false, id, s, e, d));
  // Furigana give a name's kana (佐藤さとう → さとう): matched exactly, for the records' name_kana.
  const reading = readingView(pc);
  if (reading) {
    const readingText = onPage(foldText(reading.chars, { ocr }), reading);
    index.patterns.search(readingText.text, (id, s, e) => onMatch(readingText, true, id, s, e, 0));
  }
  for (const h of pii) {
    if (h.type !== 'birth_date') continue;
    const recs = index.birthDates.get(h.value);
    if (recs) for (const r of recs) matches.push({ record: r, field: 'birth_date', start: h.charStart, end: h.charEnd, line: pc.line[h.charStart], distance: 0, length: 10, ambiguity: recs.length });
  }

  const byRecord = new Map<number, FieldMatch[]>();
  for (const m of matches) {
    const list = byRecord.get(m.record);
    if (list) list.push(m); else byRecord.set(m.record, [m]);
  }
  const maxWeak = opts.maxWeakAmbiguity ?? 5;
  const out: RecordOnPage[] = [];
  for (const [record, ms] of byRecord) {
    // A birth date or postal code on its own says nothing about a record: only kept beside other evidence.
    if (ms.every((m) => m.field === 'birth_date' || m.field === 'postal_code' || m.field === 'company')) continue;
    const verdict = judgeRecord(ms);
    if (!verdict.present && ms.every((m) => m.ambiguity > maxWeak)) continue;
    const seen = new Set<string>();
    const occurrences: Occurrence[] = [];
    for (const m of ms.sort((x, y) => x.start - y.start || x.distance - y.distance)) {
      const tag = `${m.field}:${m.start}:${m.end}`;
      if (seen.has(tag)) continue;
      seen.add(tag);
      occurrences.push({ field: m.field, text: rangeText(pc, m.start, m.end, m.reading ? 'reading' : 'base'), charStart: m.start, charEnd: m.end,
        boxes: rangeBoxes(pc, m.start, m.end), source: rangeSource(pc, m.start), distance: m.distance });
    }
    out.push({ recordKey: index.recordKeys[record], present: verdict.present, score: verdict.score, occurrences });
  }
  return out.sort((a, b) => b.score - a.score);
}
