import { badInput } from '../../common/errors';
import { ByteView, latin1 } from './bytes';

/** The Palm database container every MOBI/AZW/AZW3 file is: a 78-byte header and a record table. */
export interface PalmDb {
  /** Database name from the header (NUL-trimmed, latin1; calibre/kindlegen put a mangled title here). */
  name: string;
  /** Type + creator, e.g. "BOOKMOBI" or "TEXtREAd". */
  typeCreator: string;
  recordCount: number;
  /** Record i as a sub-array of the file (no copy). Throws a `badInput` when i is out of range. */
  record(i: number): Uint8Array;
  /** Record i wrapped in a bounds-checked view labelled with its number. */
  view(i: number, what?: string): ByteView;
  /**
   * What is wrong with the record table, one line each (empty for a sound file). A damaged entry makes only
   * its own record unreadable (record(i) throws, naming the damage); the rest of the book stays readable.
   */
  damage: string[];
}

const HEADER_SIZE = 78;
/** Far above any real book (the largest have a few thousand records); a guard against absurd tables. */
const MAX_RECORDS = 65535;

export function parsePalmDb(file: Uint8Array): PalmDb {
  const v = new ByteView(file, 'PalmDB header');
  if (file.length < HEADER_SIZE + 8) {
    throw badInput(`PalmDB header: file is ${file.length} bytes, too short for a MOBI/AZW container (truncated?)`);
  }
  const nameBytes = file.subarray(0, 32);
  const nul = nameBytes.indexOf(0);
  const name = latin1(nul >= 0 ? nameBytes.subarray(0, nul) : nameBytes);
  const typeCreator = latin1(file.subarray(60, 68));
  const declaredCount = v.u16(76, 'record count');
  if (declaredCount < 1 || declaredCount > MAX_RECORDS) throw badInput(`PalmDB header: record count ${declaredCount} is not plausible`);
  let recordCount = declaredCount;
  let tableEnd = HEADER_SIZE + recordCount * 8;
  const damage: string[] = [];
  const first = v.u32(HEADER_SIZE, 'record 0 offset');
  // A count larger than the table really is (the first record starts inside the claimed table): the table
  // ends where the data begins; the entries that would overlap record 0 are not entries.
  if (first >= HEADER_SIZE + 8 && first < tableEnd && first <= file.length) {
    recordCount = Math.floor((first - HEADER_SIZE) / 8);
    tableEnd = HEADER_SIZE + recordCount * 8;
    damage.push(`PalmDB header: record count ${declaredCount} but record 0 starts at ${first}, so the table holds ${recordCount} entries`);
  }
  if (tableEnd > file.length) {
    throw badInput(`PalmDB record table: ${recordCount} entries need ${tableEnd} bytes but the file has ${file.length} (truncated)`);
  }
  // null: an entry that points outside the data area or backwards; its record cannot be read.
  const starts = new Array<number | null>(recordCount);
  const bad = new Map<number, string>();
  let previous = tableEnd;
  for (let i = 0; i < recordCount; i++) {
    const off = v.u32(HEADER_SIZE + i * 8, `record ${i} offset`);
    let problem: string | null = null;
    // A record starting at the very end of the file is empty: only a cut file has one.
    if (off < tableEnd || off >= file.length) problem = `PalmDB record table: record ${i} starts at ${off}, outside the file's data area ${tableEnd}..${file.length}`;
    else if (off < previous) problem = `PalmDB record table: record ${i} starts at ${off}, before record ${i - 1} (${previous})`;
    if (problem) {
      // Record 0 holds the headers: without it there is no book to recover.
      if (i === 0) throw badInput(problem);
      bad.set(i, problem);
      damage.push(problem);
      starts[i] = null;
    } else {
      starts[i] = off;
      previous = off;
    }
  }
  // The end of record i is the start of the next sound record (or the end of the file).
  const ends = new Array<number>(recordCount);
  let next = file.length;
  for (let i = recordCount - 1; i >= 0; i--) {
    ends[i] = next;
    if (starts[i] !== null) next = starts[i]!;
  }
  const record = (i: number): Uint8Array => {
    if (!Number.isInteger(i) || i < 0 || i >= recordCount) {
      throw badInput(`PalmDB: record ${i} requested but the file has records 0..${recordCount - 1}`);
    }
    const start = starts[i];
    if (start === null || start === undefined) throw badInput(`record ${i} is unreadable (${bad.get(i)})`);
    return file.subarray(start, ends[i]!);
  };
  return {
    name,
    typeCreator,
    recordCount,
    record,
    view: (i, what) => new ByteView(record(i), `record ${i}${what ? ` (${what})` : ''}`),
    damage,
  };
}
