import { FIELDS, type Field } from '../normalize/fields';
import { withoutPrefecture } from '../normalize/prefectures';
import { GrowableInt32 } from './growable';
import { PatternSet, PatternSetBuilder } from './pattern-set';

/** Fields searched for as text on pages (birth dates are found by the date recognizer instead). */
export const TEXT_FIELDS: readonly Field[] = ['name', 'name_kana', 'email', 'phone', 'postal_code', 'address', 'company'];

/**
 * The leaked list, in memory, ready to match: normalized field values as one pattern set, and for each
 * pattern id the (record, field) pairs that carry it (CSR arrays: postStart[id]..postStart[id+1]; ids of
 * repeated values that were merged into another have none).
 * Plaintext lives here only for the run; the case stores keyed hashes.
 */
export interface LeakIndex {
  setId: number;
  sha256: string;
  recordKeys: string[];
  patterns: PatternSet;
  postStart: Int32Array;
  postRecord: Int32Array;
  /** Index into FIELDS. */
  postField: Uint8Array;
  /** ISO birth date → record indices. */
  birthDates: Map<string, number[]>;
}

export class LeakIndexBuilder {
  private patterns: PatternSetBuilder;
  private pairKey = new GrowableInt32(1 << 16);
  private pairRecord = new GrowableInt32(1 << 16);
  private pairField = new GrowableInt32(1 << 16);
  private recordKeys: string[] = [];
  private birthDates = new Map<string, number[]>();

  /** `expectedPatterns`: about how many field values will be added (sizes the pattern table once). */
  constructor(private readonly setId: number, private readonly sha256: string, expectedPatterns = 0) {
    this.patterns = new PatternSetBuilder(expectedPatterns);
  }

  get recordCount(): number { return this.recordKeys.length; }

  /** Adds one record: its key and its already-normalized field values (see normalizeField). */
  addRecord(key: string, normalized: Partial<Record<Field, string>>): void {
    const r = this.recordKeys.length;
    this.recordKeys.push(key);
    for (const field of TEXT_FIELDS) {
      const v = normalized[field];
      if (!v) continue;
      this.addPair(v, r, field);
      if (field === 'address') {
        const rest = withoutPrefecture(v);
        if (rest && rest.length >= 4) this.addPair(rest, r, field);
      }
    }
    const bd = normalized.birth_date;
    if (bd) {
      const list = this.birthDates.get(bd);
      if (list) list.push(r); else this.birthDates.set(bd, [r]);
    }
  }

  build(): LeakIndex {
    const { patterns, ids } = this.patterns.build();
    const n = patterns.size, pairs = this.pairKey.length;
    const postStart = new Int32Array(n + 1);
    const keys = this.pairKey.data;
    for (let i = 0; i < pairs; i++) keys[i] = ids[keys[i]]; // repeated values: the id they were merged into
    for (let i = 0; i < pairs; i++) postStart[keys[i] + 1]++;
    for (let i = 0; i < n; i++) postStart[i + 1] += postStart[i];
    const fill = postStart.slice(0, n);
    const postRecord = new Int32Array(pairs), postField = new Uint8Array(pairs);
    for (let i = 0; i < pairs; i++) {
      const at = fill[keys[i]]++;
      postRecord[at] = this.pairRecord.data[i];
      postField[at] = this.pairField.data[i];
    }
    return { setId: this.setId, sha256: this.sha256, recordKeys: this.recordKeys, patterns, postStart, postRecord, postField, birthDates: this.birthDates };
  }

  private addPair(value: string, record: number, field: Field): void {
    this.pairKey.push(this.patterns.add(value));
    this.pairRecord.push(record);
    this.pairField.push(FIELDS.indexOf(field));
  }
}
