import { badInput } from '../../common/errors';
import type { ByteView } from './bytes';

/** One EXTH record, decoded where its meaning is known, kept as hex (and UTF-8 when it reads as text) otherwise. */
export interface ExthRecord {
  type: number;
  /** Short name of the record type when known, e.g. "author", "kf8Boundary". */
  name?: string;
  /** Decoded value: text for string records, a number for 32-bit records. */
  value?: string | number;
  /** Raw bytes as hex: always for unknown types, also for binary known ones. */
  hex?: string;
  /** Raw bytes as UTF-8 for unknown types whose bytes are valid UTF-8 text. */
  utf8?: string;
}

type ExthKind = 'text' | 'u32' | 'binary';

/**
 * Record types with a known meaning (MobileRead wiki "MOBI" EXTH table, calibre, KindleUnpack).
 * Text ones are decoded with the book's text encoding.
 */
const EXTH_TYPES: Record<number, [string, ExthKind]> = {
  1: ['drmServerId', 'text'],
  2: ['drmCommerceId', 'text'],
  3: ['drmEbookbaseBookId', 'text'],
  100: ['author', 'text'],
  101: ['publisher', 'text'],
  102: ['imprint', 'text'],
  103: ['description', 'text'],
  104: ['isbn', 'text'],
  105: ['subject', 'text'],
  106: ['publishingDate', 'text'],
  107: ['review', 'text'],
  108: ['contributor', 'text'],
  109: ['rights', 'text'],
  110: ['subjectCode', 'text'],
  111: ['type', 'text'],
  112: ['source', 'text'],
  113: ['asin', 'text'],
  114: ['versionNumber', 'text'],
  115: ['sample', 'u32'],
  116: ['startReading', 'u32'],
  117: ['adult', 'text'],
  118: ['retailPrice', 'text'],
  119: ['retailPriceCurrency', 'text'],
  121: ['kf8Boundary', 'u32'],
  122: ['fixedLayout', 'text'],
  123: ['bookType', 'text'],
  124: ['orientationLock', 'text'],
  125: ['kf8ResourceCount', 'u32'],
  126: ['originalResolution', 'text'],
  127: ['zeroGutter', 'text'],
  128: ['zeroMargin', 'text'],
  129: ['kf8CoverUri', 'text'],
  131: ['kf8UnidentifiedCount', 'u32'],
  132: ['regionMagnification', 'text'],
  200: ['dictionaryShortName', 'text'],
  201: ['coverOffset', 'u32'],
  202: ['thumbnailOffset', 'u32'],
  203: ['hasFakeCover', 'u32'],
  204: ['creatorSoftware', 'u32'],
  205: ['creatorMajorVersion', 'u32'],
  206: ['creatorMinorVersion', 'u32'],
  207: ['creatorBuildNumber', 'u32'],
  208: ['watermark', 'binary'],
  209: ['tamperProofKeys', 'binary'],
  300: ['fontSignature', 'binary'],
  401: ['clippingLimit', 'u32'],
  402: ['publisherLimit', 'u32'],
  404: ['textToSpeechDisabled', 'u32'],
  405: ['rentalIndicator', 'u32'],
  501: ['cdeType', 'text'],
  502: ['lastUpdateTime', 'text'],
  503: ['updatedTitle', 'text'],
  504: ['asin504', 'text'],
  508: ['titleFileAs', 'text'],
  517: ['creatorFileAs', 'text'],
  522: ['publisherFileAs', 'text'],
  524: ['language', 'text'],
  525: ['primaryWritingMode', 'text'],
  527: ['pageProgressionDirection', 'text'],
  528: ['overrideKindleFonts', 'text'],
  529: ['originalSourceDescription', 'text'],
  534: ['inputSourceType', 'text'],
  535: ['creatorBuild', 'text'],
};

/** EXTH 204 values (MobileRead wiki). */
export const CREATOR_SOFTWARE: Record<number, string> = {
  1: 'mobigen',
  2: 'Mobipocket Creator',
  200: 'kindlegen (Windows)',
  201: 'kindlegen (Linux)',
  202: 'kindlegen (Mac)',
};

/** More records than any real book carries; stops a forged count from spinning. */
const MAX_EXTH_RECORDS = 10_000;

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

function asUtf8(b: Uint8Array): string | undefined {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    // Only call it text when it has no control characters other than whitespace.
    return /^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$/.test(s) ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the EXTH block starting at `offset` of record 0. */
export function parseExth(v: ByteView, offset: number, decodeText: (b: Uint8Array) => string): ExthRecord[] {
  if (v.tag(offset) !== 'EXTH') throw badInput(`${v.label}: EXTH flag set but no "EXTH" signature at offset ${offset}`);
  const headerLength = v.u32(offset + 4, 'EXTH length');
  const count = v.u32(offset + 8, 'EXTH record count');
  if (count > MAX_EXTH_RECORDS) throw badInput(`${v.label}: EXTH claims ${count} records`);
  const end = Math.min(offset + headerLength, v.length);
  const out: ExthRecord[] = [];
  let pos = offset + 12;
  for (let i = 0; i < count; i++) {
    const type = v.u32(pos, `EXTH record ${i} type`);
    const size = v.u32(pos + 4, `EXTH record ${i} size`);
    if (size < 8 || pos + size > end) {
      throw badInput(`${v.label}: EXTH record ${i} (type ${type}) has size ${size}, running past the EXTH block end ${end}`);
    }
    const data = v.slice(pos + 8, size - 8, `EXTH record ${i} data`);
    out.push(decodeExthRecord(type, data, decodeText));
    pos += size;
  }
  return out;
}

function decodeExthRecord(type: number, data: Uint8Array, decodeText: (b: Uint8Array) => string): ExthRecord {
  const known = EXTH_TYPES[type];
  if (known) {
    const [name, kind] = known;
    if (kind === 'u32' && data.length === 4) {
      return { type, name, value: new DataView(data.buffer, data.byteOffset, 4).getUint32(0) };
    }
    if (kind === 'text') return { type, name, value: decodeText(data).replace(/\0+$/, '') };
    return { type, name, hex: hex(data) };
  }
  const rec: ExthRecord = { type, hex: hex(data) };
  const text = asUtf8(data);
  if (text !== undefined && data.length > 0) rec.utf8 = text;
  return rec;
}
