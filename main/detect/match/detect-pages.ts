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
import { lineJoins, spansPieces, viewBoxes, type LineJoins } from './line-joins';
import { baseView, coverReading, onPage, pageChars, rangeBoxes, rangeSource, rangeText, readingView, touchesReading, type PageChars } from './page-chars';
import { dominatedRecords, dropOutmatched } from './competing-records';
import { acrossPages } from './page-breaks';
import { completePresentRecords, RecordValues } from './record-completion';
import { judgeRecord, WEAK_SCORE, type FieldMatch, type RecordVerdict } from './record-score';

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
  /** First and last page line its occurrences touch. */
  lines?: [number, number];
  /** Present because the record is present at the edge of the neighbouring page (a row cut by a page break). */
  continued?: boolean;
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
  /** Lines on the page (where its edges are, for records cut by a page break). */
  lineCount?: number;
  /** Weak hits on values many records share, kept only if the record continues from a neighbouring page (acrossPages). */
  held?: RecordOnPage[];
}

export interface DetectOptions {
  recognizers?: readonly Recognizer[];
  /** Weak hits (not present) from a value shared by more records than this are dropped: a common name says nothing. */
  maxWeakAmbiguity?: number;
  /** Match values wrapped over lines (line pieces joined by geometry); default true. Benches turn it off to measure its cost. */
  joinWrapped?: boolean;
}

/** A leak index with its OCR-tolerant companions, built on first need. */
export class Matcher {
  private fuzzy: FuzzyIndex | null = null;
  private values: RecordValues | null = null;
  constructor(readonly index: LeakIndex) {}
  fuzzyIndex(): FuzzyIndex {
    return (this.fuzzy ??= FuzzyIndex.build(this.index));
  }
  /** Each record's values, for completing records found on OCR pages. */
  recordValues(): RecordValues {
    return (this.values ??= RecordValues.build(this.index));
  }
}

/**
 * The pure core of detection: pages in, hits out. Record matching needs a leak index (or none: only
 * generic recognizers run). OCR pages also get OCR-tolerant matching.
 */
export function detectPages(pages: readonly PageContent[], matcher: Matcher | null, opts: DetectOptions = {}): PageDetection[] {
  return acrossPages(pages.map((p) => detectPage(p, matcher, opts)));
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
  // Values wrapped over lines (a name or address in a narrow table cell) are matched over the joined pieces.
  // Joined text reaches as far from a join as a listed value can run (its folded length, with room for 丁目番地号).
  const joins = matcher && opts.joinWrapped !== false ? lineJoins(pc, 2 * matcher.index.patterns.lengths.at(-1)! + 8) : null;
  const { records, held } = matcher
    ? matchRecords(pc, ocr, matcher, pii, withoutSeparators(recognizerText, joins?.breaks), joins, opts) : { records: [], held: [] };
  return { pageIndex: page.index, records, pii, lineCount: page.lines.length, ...(held.length ? { held } : {}) };
}

const NEWLINE = 0x0a;

/**
 * The matching fold from the recognizer fold: the two differ only in that matching drops every space and
 * dash (foldText with keepSeparators: false), so one fold per page serves both. `breaks`: page indices
 * (ascending) of line breaks to take out as well, where a line continues on the next (lineJoins).
 */
export function withoutSeparators(f: FoldedText, breaks?: Int32Array): FoldedText {
  const n = f.text.length;
  const start = new Int32Array(n), end = new Int32Array(n);
  let out = '', m = 0, from = 0, b = 0;
  const nb = breaks?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const c = f.text.charCodeAt(i);
    let drop = c === SPACE || c === DASH;
    if (c === NEWLINE && b < nb) {
      while (b < nb && breaks![b] < f.start[i]) b++;
      drop = b < nb && breaks![b] === f.start[i];
    }
    if (!drop) { start[m] = f.start[i]; end[m] = f.end[i]; m++; continue; }
    out += f.text.slice(from, i);
    from = i + 1;
  }
  out += f.text.slice(from);
  return { text: out, start: start.subarray(0, m), end: end.subarray(0, m) };
}

function matchRecords(pc: PageChars, ocr: boolean, matcher: Matcher, pii: readonly PiiHit[], folded: FoldedText, joins: LineJoins | null, opts: DetectOptions): { records: RecordOnPage[]; held: RecordOnPage[] } {
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
  // Chains of wrapped pieces the page text does not have in order: joined text of their own. Only matches
  // that run over a join are new; each keeps one box per line piece.
  const joined = joins?.view;
  if (joined) {
    const jf = foldText(joined.chars, { ocr });
    const onJoined = (id: number, s: number, e: number, distance: number) => {
      const vs = jf.start[s], ve = jf.end[e - 1];
      if (!spansPieces(joined, vs, ve)) return;
      const key = index.patterns.key(id);
      if (!standsAlone(key, joined.chars, vs, ve)) return;
      let a = Infinity, b = -Infinity; // chains run by geometry: the first piece need not come first on the page
      for (let k = vs; k < ve; k++) { a = Math.min(a, joined.from[k]); b = Math.max(b, joined.to[k]); }
      const at = { text: joined.chars.slice(vs, ve).join(''), boxes: viewBoxes(pc, joined, vs, ve) };
      for (let p = index.postStart[id]; p < index.postStart[id + 1]; p++) {
        matches.push({ record: index.postRecord[p], field: FIELDS[index.postField[p]], start: a, end: b, line: pc.line[joined.from[vs]],
          distance, length: key.length, ambiguity: index.postStart[id + 1] - index.postStart[id], joined: at });
      }
    };
    index.patterns.search(jf.text, (id, s, e) => onJoined(id, s, e, 0));
    if (ocr) matcher.fuzzyIndex().search(jf.text, onJoined);
  }
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
  for (const m of dropOutmatched(matches)) {
    const list = byRecord.get(m.record);
    if (list) list.push(m); else byRecord.set(m.record, [m]);
  }
  const maxWeak = opts.maxWeakAmbiguity ?? 5;
  const verdicts = new Map<number, RecordVerdict>();
  const present = new Map<number, FieldMatch[]>();
  for (const [record, ms] of byRecord) {
    // A birth date or postal code on its own says nothing about a record: only kept beside other evidence.
    if (ms.every((m) => m.field === 'birth_date' || m.field === 'postal_code' || m.field === 'company')) continue;
    const verdict = judgeRecord(ms);
    verdicts.set(record, verdict);
    if (verdict.present) present.set(record, ms);
  }
  // A namesake present only through text that another present record matches as well (and has more of) is not.
  for (const r of dominatedRecords(present)) verdicts.set(r, { present: false, score: Math.min(verdicts.get(r)!.score, WEAK_SCORE) });
  if (ocr) completePresentRecords(pc, folded, index, matcher.recordValues(), verdicts, byRecord);
  const out: RecordOnPage[] = [];
  const held: RecordOnPage[] = [];
  for (const [record, verdict] of verdicts) {
    const ms = byRecord.get(record)!;
    const seen = new Set<string>();
    const occurrences: Occurrence[] = [];
    let first = Infinity, last = -1;
    for (const m of ms.sort((x, y) => x.start - y.start || x.distance - y.distance)) {
      const tag = `${m.field}:${m.start}:${m.end}`;
      if (seen.has(tag)) continue;
      seen.add(tag);
      first = Math.min(first, pc.line[m.start]); last = Math.max(last, pc.line[m.end - 1]);
      occurrences.push({ field: m.field, text: m.joined?.text ?? rangeText(pc, m.start, m.end, m.reading ? 'reading' : 'base'), charStart: m.start, charEnd: m.end,
        boxes: m.joined?.boxes ?? rangeBoxes(pc, m.start, m.end), source: rangeSource(pc, m.start), distance: m.distance });
    }
    const rec: RecordOnPage = { recordKey: index.recordKeys[record], present: verdict.present, score: verdict.score, occurrences, lines: [first, last] };
    // A weak hit on a value many records share says nothing, unless the record continues from the next or
    // previous page (a row cut by a page break): held for acrossPages to decide.
    if (!verdict.present && ms.every((m) => m.ambiguity > maxWeak)) held.push(rec); else out.push(rec);
  }
  return { records: out.sort((a, b) => b.score - a.score), held };
}
