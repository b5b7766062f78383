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
  const recordCount = v.u16(76, 'record count');
  if (recordCount < 1 || recordCount > MAX_RECORDS) throw badInput(`PalmDB header: record count ${recordCount} is not plausible`);
  const tableEnd = HEADER_SIZE + recordCount * 8;
  if (tableEnd > file.length) {
    throw badInput(`PalmDB record table: ${recordCount} entries need ${tableEnd} bytes but the file has ${file.length} (truncated)`);
  }
  const starts = new Array<number>(recordCount);
  for (let i = 0; i < recordCount; i++) {
    const off = v.u32(HEADER_SIZE + i * 8, `record ${i} offset`);
    if (off < tableEnd || off > file.length) {
      throw badInput(`PalmDB record table: record ${i} starts at ${off}, outside the file's data area ${tableEnd}..${file.length}`);
    }
    if (i > 0 && off < starts[i - 1]!) {
      throw badInput(`PalmDB record table: record ${i} starts at ${off}, before record ${i - 1} (${starts[i - 1]})`);
    }
    starts[i] = off;
  }
  const record = (i: number): Uint8Array => {
    if (!Number.isInteger(i) || i < 0 || i >= recordCount) {
      throw badInput(`PalmDB: record ${i} requested but the file has records 0..${recordCount - 1}`);
    }
    const end = i + 1 < recordCount ? starts[i + 1]! : file.length;
    return file.subarray(starts[i]!, end);
  };
  return {
    name,
    typeCreator,
    recordCount,
    record,
    view: (i, what) => new ByteView(record(i), `record ${i}${what ? ` (${what})` : ''}`),
  };
}
