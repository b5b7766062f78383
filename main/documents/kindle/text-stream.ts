import { badInput, ShokoError } from '../../common/errors';
import { drmProtected } from '../protection';
import { concatBytes } from './bytes';
import { HuffCdicDecoder } from './huffcdic';
import type { MobiHeader } from './mobi-header';
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
export function readTextStream(db: PalmDb, h: MobiHeader): Uint8Array {
  if (h.encryptionType !== 0) {
    throw new ShokoError('unsupported', drmProtected(`MOBI encryption type ${h.encryptionType}`));
  }
  const last = h.base + h.textRecordCount;
  if (h.textRecordCount === 0 || last >= db.recordCount) {
    throw badInput(`record ${h.base} (MOBI header): ${h.textRecordCount} text records do not fit in the file's ${db.recordCount} records`);
  }
  const recordLimit = h.textRecordSize || 4096;
  const huff = h.compression === 'huffcdic' ? new HuffCdicDecoder(db, h.base + h.huffRecord, h.huffCount) : undefined;
  const capacity = h.textRecordCount * recordLimit;
  if (capacity > MAX_TEXT_LENGTH) throw badInput(`record ${h.base} (MOBI header): ${h.textRecordCount} text records of ${recordLimit} bytes exceed ${MAX_TEXT_LENGTH}`);
  // Collected per record (not preallocated from the header) so memory follows what is really decoded.
  const chunks: Uint8Array[] = [];
  for (let r = h.base + 1; r <= last; r++) {
    const label = `text record ${r}`;
    const data = stripTrailingEntries(db.record(r), h.extraDataFlags, label);
    let text: Uint8Array;
    if (h.compression === 'palmdoc') text = decompressPalmDoc(data, recordLimit, label);
    else if (huff) text = huff.decompress(data, recordLimit, label);
    else if (data.length > recordLimit) throw badInput(`${label}: ${data.length} uncompressed bytes exceed the ${recordLimit}-byte record size`);
    else text = data;
    chunks.push(text);
  }
  return concatBytes(chunks);
}
