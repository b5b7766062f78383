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

/** Fields whose short values are looked for, one character off, on the lines of the record's other fields. */
const SHORT_NAMES: ReadonlySet<Field> = new Set(['name', 'name_kana']);

/**
 * `key` with exactly one character replaced, within one of `lines` of the page (folded text, positions mapped
 * to page chars): the first such window, or null.
 */
function oneOffOnLines(key: string, folded: FoldedText, pc: PageChars, lines: ReadonlySet<number>): { start: number; end: number; distance: number } | null {
  const n = key.length, text = folded.text;
  for (let i = 0; i + n <= text.length; i++) {
    const line = pc.line[folded.start[i]];
    if (!lines.has(line) || pc.line[folded.end[i + n - 1] - 1] !== line) continue;
    let diff = 0;
    for (let j = 0; j < n && diff <= 1; j++) if (text.charCodeAt(i + j) !== key.charCodeAt(j)) diff++;
    if (diff === 1) return { start: i, end: i + n, distance: 1 };
  }
  return null;
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
 * for here with the edit budget the redaction's self-check uses (a short name: one character off, on a line of its
 * other fields), so every field of a found record is located
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
      // A short name (徳永恩 read as 徳永息) is too short to look for approximately on the whole page; on a
      // line that holds another of the record's fields, one misread character is still that name.
      const r = budget > 0 ? approxFind(key, folded.text, budget)
        : SHORT_NAMES.has(field) && key.length >= 3 ? oneOffOnLines(key, folded, pc, lines) : null;
      if (!r || r.distance === 0) continue;
      const a = folded.start[r.start], end = folded.end[r.end - 1];
      if (!standsAlone(key, pc.chars, a, end)) continue;
      ms.push({ record, field, start: a, end: coverReading(pc, end), line: pc.line[a], distance: r.distance, length: key.length, ambiguity: 1 });
      found.add(field);
    }
  }
}
