import { badInput, ShokoError } from '../../common/errors';
import { drmProtected } from '../protection';
import { concatBytes } from './bytes';
import { HuffCdicDecoder } from './huffcdic';
import { NULL_INDEX, type MobiHeader } from './mobi-header';
import { decompressPalmDoc } from './palmdoc';
import type { PalmDb } from './palmdb';
import { stripTrailingEntries } from './trailing-entries';

/** Text streams larger than this are refused: the largest real books are a few tens of MB of markup. */
const MAX_TEXT_LENGTH = 256 * 1024 * 1024;

/**
 * Decompresses the text records of one MOBI section (records base+1 … base+textRecordCount) into the
 * raw markup stream. Each record may decompress to at most the header's record size (a record claiming
 * more is an error), so the stream is bounded by count × size. The header's text length is not a hard
 * bound: kindlegen's KF8 headers understate it (the joint sample: 375,542 declared, 377,585 real).
 */
export function readTextStream(db: PalmDb, h: MobiHeader, recovery?: TextRecovery): Uint8Array {
  if (h.encryptionType !== 0) {
    throw new ShokoError('unsupported', drmProtected(`MOBI encryption type ${h.encryptionType}`));
  }
  let count = h.textRecordCount;
  let recordLimit = h.textRecordSize || 4096;
  if (recovery && (count === 0 || h.base + count >= db.recordCount)) {
    // A damaged PalmDOC header (its record count does not fit the file): the text is as long as the header's
    // text length says, in records of at most 4096 bytes, and ends before the first record that is something
    // else (index, image).
    const fitted = fittedTextRecords(db, h);
    recovery.damage.push(`record ${h.base} (MOBI header): ${h.textRecordCount} text records of ${h.textRecordSize} bytes claimed; read as ${fitted}`);
    count = fitted;
    recordLimit = Math.min(recordLimit, MAX_RECORD_SIZE);
  }
  const last = h.base + count;
  if (count === 0 || last >= db.recordCount) {
    throw badInput(`record ${h.base} (MOBI header): ${h.textRecordCount} text records do not fit in the file's ${db.recordCount} records`);
  }
  const huff = h.compression === 'huffcdic' ? new HuffCdicDecoder(db, h.base + h.huffRecord, h.huffCount) : undefined;
  const capacity = count * recordLimit;
  if (capacity > MAX_TEXT_LENGTH) throw badInput(`record ${h.base} (MOBI header): ${count} text records of ${recordLimit} bytes exceed ${MAX_TEXT_LENGTH}`);
  // Collected per record (not preallocated from the header) so memory follows what is really decoded.
  const chunks: Uint8Array[] = [];
  for (let r = h.base + 1; r <= last; r++) {
    const label = `text record ${r}`;
    try {
      const data = stripTrailingEntries(db.record(r), h.extraDataFlags, label);
      let text: Uint8Array;
      if (h.compression === 'palmdoc') text = decompressPalmDoc(data, recordLimit, label);
      else if (huff) text = huff.decompress(data, recordLimit, label);
      else if (data.length > recordLimit) throw badInput(`${label}: ${data.length} uncompressed bytes exceed the ${recordLimit}-byte record size`);
      else text = data;
      chunks.push(text);
    } catch (err) {
      // Recovering: a bad record is skipped (its text is lost, and said so); the sound ones are read.
      if (!recovery || !(err instanceof ShokoError) || err.kind !== 'bad-input') throw err;
      recovery.skipped.push(`${label}: ${err.message}`);
    }
  }
  if (chunks.length === 0) throw badInput(`record ${h.base} (MOBI header): none of the ${count} text records could be read`);
  return concatBytes(chunks);
}

/** Recovery of a damaged file: what was read around is appended here instead of failing the book. */
export interface TextRecovery {
  /** Header fields that had to be replaced by what the records show. */
  damage: string[];
  /** Text records skipped, each with why. */
  skipped: string[];
}

// MOBI text records are 4096 bytes uncompressed (PalmDOC); what a damaged header is read with.
const MAX_RECORD_SIZE = 4096;

/** Text records implied by the text length, cut at the first record known to hold something else. */
function fittedTextRecords(db: PalmDb, h: MobiHeader): number {
  let end = db.recordCount; // first record after the text
  // Record numbers in the header count from the header's own record (0 for KF7, the boundary for KF8).
  for (const rel of [h.firstResourceRecord, h.ncxIndex, h.huffRecord || NULL_INDEX]) {
    const at = h.base + rel;
    if (rel !== NULL_INDEX && at > h.base && at < end) end = at;
  }
  const byLength = Math.ceil(h.textLength / MAX_RECORD_SIZE);
  return Math.max(0, Math.min(end - h.base - 1, byLength || end - h.base - 1));
}
