import { badInput } from '../../common/errors';

/**
 * Text records may end with trailing entries that are not text (MobileRead wiki "MOBI", "Variable-width
 * integers" / extra data flags at MOBI header 0xF2). Each set bit above bit 0 adds one entry whose size
 * (a backward variable-width integer, counting itself) is stored in its last bytes; bit 0 adds the
 * multibyte-overlap bytes, innermost, whose count is (last byte & 3) + 1.
 * Returns the record without them.
 */
export function stripTrailingEntries(record: Uint8Array, flags: number, label: string): Uint8Array {
  let end = record.length;
  for (let bit = 1; bit < 16; bit++) {
    if (!(flags & (1 << bit))) continue;
    const size = backwardEntrySize(record, end);
    if (size === 0 || size > end) throw badInput(`${label}: trailing entry (flag bit ${bit}) claims ${size} bytes of a ${end}-byte record`);
    end -= size;
  }
  if (flags & 1) {
    if (end < 1) throw badInput(`${label}: multibyte trailing entry missing (record is empty)`);
    const size = (record[end - 1]! & 3) + 1;
    if (size > end) throw badInput(`${label}: multibyte trailing entry claims ${size} bytes of a ${end}-byte record`);
    end -= size;
  }
  return record.subarray(0, end);
}

/** The size of the entry ending at `end`: up to 4 bytes, the one with bit 7 set starts the number. */
function backwardEntrySize(record: Uint8Array, end: number): number {
  let value = 0;
  for (let i = Math.max(0, end - 4); i < end; i++) {
    const b = record[i]!;
    if (b & 0x80) value = 0;
    value = (value << 7) | (b & 0x7f);
  }
  return value;
}
