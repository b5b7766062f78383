import { levenshtein } from '../../common/levenshtein';
import { FIELDS, type Field } from '../normalize/fields';
import type { FoldedText } from '../normalize/folded-text';
import { standsAlone } from './boundaries';
import { approxFind } from './edit-distance';
import type { LeakIndex } from './leak-index';
import { ocrEditBudget } from './ocr-edit-budget';
import { coverReading, type PageChars } from './page-chars';
import type { FieldMatch, RecordVerdict } from './record-score';

/** Fields a found record's completion looks for (numbers stay with the matcher: a digit run inside a longer one is not the value). */
const COMPLETED: ReadonlySet<Field> = new Set(['name', 'name_kana', 'email', 'address']);

/** Fields whose short values are looked for as a run of Japanese on the lines of the record's other fields. */
const SHORT_NAMES: ReadonlySet<Field> = new Set(['name', 'name_kana']);

const CJK = /[\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/** Leading characters of a name taken for its family name when the rest is misread beyond half its length. */
const FAMILY = 2;

/**
 * The start of a run of Japanese characters (kanji, kana) on one of `lines`, up to where it is closest to
 * `key`: within half the name's length in edits (a short name's kanji misread or split: 荻野朋奏 read
 * 荻野有明奏, 林蓉 read 林正), or, when it begins with the name's first two characters, its family name read
 * right, within the given name's length and one (松山晏侑 read 松山愛人誰, three edits). The whole run when it
 * passes (a split kanji or a misread given name is blackened to its end), else the run's closest start: what
 * follows the name in the run (a label: 黒川 枝　メール) is left out. The closest run wins, or null. Only on a line that holds another of the record's fields: there the run beside them
 * is that person's name, however badly read.
 */
function nameRunOnLines(key: string, folded: FoldedText, pc: PageChars, lines: ReadonlySet<number>): { start: number; end: number; distance: number } | null {
  const text = folded.text, n = key.length, budget = Math.ceil(n / 2);
  const family = n > FAMILY ? key.slice(0, FAMILY) : null;
  let best: { start: number; end: number; distance: number } | null = null;
  for (let i = 0; i < text.length;) {
    if (!CJK.test(text[i]) || !lines.has(pc.line[folded.start[i]])) { i++; continue; }
    let j = i + 1;
    while (j < text.length && CJK.test(text[j]) && pc.line[folded.start[j]] === pc.line[folded.start[i]]) j++;
    const sameFamily = family !== null && text.startsWith(family, i);
    const window = sameFamily ? Math.max(FAMILY, budget) : budget, allowed = n - FAMILY + 1;
    // The whole run when it passes (a misread name is blackened to its last misread character), else its closest start.
    let here: { start: number; end: number; distance: number } | null = null;
    for (let e = Math.min(j, i + n + window); e >= Math.max(i + 1, i + n - window); e--) {
      const d = levenshtein(text.slice(i, e), key);
      // The family-name allowance needs more than the family name (徳田 alone for 徳田澪 passes the budget only).
      if ((d <= budget || (sameFamily && e - i > FAMILY && d <= allowed)) && (!here || d < here.distance)) here = { start: i, end: e, distance: d };
      if (here && e === j) break;
    }
    if (here && here.distance >= 1 && (!best || here.distance < best.distance)) best = here;
    i = j;
  }
  return best;
}

/** For each record of a leak index, its values: pattern ids and fields (CSR: start[r]..start[r+1]). */
export class RecordValues {
  private constructor(readonly start: Int32Array, readonly patternIds: Int32Array, readonly fields: Uint8Array) {}

  static build(index: LeakIndex): RecordValues {
    const records = index.recordKeys.length;
    const start = new Int32Array(records + 1);
    const ids = index.postStart.length - 1;
    for (let p = 0; p < index.postRecord.length; p++) start[index.postRecord[p] + 1]++;
    for (let r = 0; r < records; r++) start[r + 1] += start[r];
    const fill = start.slice(0, records);
    const patternIds = new Int32Array(index.postRecord.length), fields = new Uint8Array(index.postRecord.length);
    for (let id = 0; id < ids; id++) {
      for (let p = index.postStart[id]; p < index.postStart[id + 1]; p++) {
        const at = fill[index.postRecord[p]]++;
        patternIds[at] = id;
        fields[at] = index.postField[p];
      }
    }
    return new RecordValues(start, patternIds, fields);
  }
}

/**
 * OCR misreads a character of a value the exact search needs whole (小野寺沙侑 read as 小野寺沙休, a name too
 * short for the OCR-tolerant index). A record already present on this OCR page has its other fields looked
 * for here with the edit budget the redaction's self-check uses (a short name: a run of Japanese within half its length
 * in edits, on a line of its other fields), so every field of a found record is located
 * (and blacked out) rather than left legible beside its blackened e-mail. Appends to `byRecord`'s lists after
 * the verdicts: what completes a record never makes one present.
 */
export function completePresentRecords(pc: PageChars, folded: FoldedText, index: LeakIndex, values: RecordValues,
  verdicts: ReadonlyMap<number, RecordVerdict>, byRecord: ReadonlyMap<number, FieldMatch[]>): void {
  for (const [record, verdict] of verdicts) {
    if (!verdict.present) continue;
    const ms = byRecord.get(record)!;
    const found = new Set<Field>(ms.map((m) => m.field));
    const lines = new Set(ms.map((m) => m.line));
    for (let k = values.start[record]; k < values.start[record + 1]; k++) {
      const field = FIELDS[values.fields[k]];
      if (!COMPLETED.has(field) || found.has(field)) continue;
      const key = index.patterns.key(values.patternIds[k]);
      const budget = ocrEditBudget(key.length);
      // A short name (徳永恩 read as 徳永息) is too short to look for approximately on the whole page, and a name
      // may be misread beyond the budget; on a line that holds another of the record's fields, the run of
      // Japanese beside them is still that name.
      const r = (budget > 0 ? approxFind(key, folded.text, budget) : null)
        ?? (SHORT_NAMES.has(field) && key.length >= 2 ? nameRunOnLines(key, folded, pc, lines) : null);
      if (!r || r.distance === 0) continue;
      const a = folded.start[r.start], end = folded.end[r.end - 1];
      if (!standsAlone(key, pc.chars, a, end)) continue;
      ms.push({ record, field, start: a, end: coverReading(pc, end), line: pc.line[a], distance: r.distance, length: key.length, ambiguity: 1 });
      found.add(field);
    }
  }
}
