import { badInput } from '../../common/errors';
import type { ByteView } from './bytes';
import { parseExth, type ExthRecord } from './exth';

/** Record indices in the header use this for "none". */
export const NULL_INDEX = 0xffffffff;

export type Compression = 'none' | 'palmdoc' | 'huffcdic';
export type TextCodec = 'utf-8' | 'windows-1252';

/**
 * Record 0 of a MOBI section (the KF7 one, or the KF8 one in a joint file): the PalmDOC header,
 * the MOBI header and the EXTH block. Record numbers in it are relative to `base`, the absolute
 * record number of this record 0.
 */
export interface MobiHeader {
  base: number;
  compression: Compression;
  compressionCode: number;
  /** Uncompressed length of the whole text stream, bytes. */
  textLength: number;
  textRecordCount: number;
  /** Uncompressed size of each text record (4096 in every known file). */
  textRecordSize: number;
  /** 0 none, 1 old Mobipocket DRM, 2 Mobipocket DRM. */
  encryptionType: number;
  /** False for bare PalmDOC (TEXtREAd) files, which have only the 16-byte PalmDOC header. */
  hasMobiHeader: boolean;
  headerLength: number;
  mobiType: number;
  textEncodingCode: number;
  codec: TextCodec;
  uniqueId: number;
  fileVersion: number;
  fullName: string;
  localeCode: number;
  /** ISO 639-1 guess from the locale code (EXTH 524 is preferred when present). */
  localeLanguage?: string;
  minVersion: number;
  /** First resource (image/font) record, relative to base; NULL_INDEX when none. */
  firstResourceRecord: number;
  huffRecord: number;
  huffCount: number;
  exthFlags: number;
  drmOffset: number;
  drmCount: number;
  drmSize: number;
  drmFlags: number;
  /** Trailing-entry flags of the text records (bit 0 multibyte, others each one trailing entry). */
  extraDataFlags: number;
  ncxIndex: number;
  /** KF8 only (file version 8); NULL_INDEX otherwise. */
  fdstIndex: number;
  fdstCount: number;
  fragIndex: number;
  skelIndex: number;
  datpIndex: number;
  guideIndex: number;
  exth: ExthRecord[];
  /** Why the EXTH block could not be read (the header is used without it). */
  exthDamage?: string;
}

/** Primary language ids of the locale field (Windows LCID low byte) for the languages met in books. */
const LOCALE_LANGUAGES: Record<number, string> = {
  0x01: 'ar', 0x04: 'zh', 0x05: 'cs', 0x06: 'da', 0x07: 'de', 0x08: 'el', 0x09: 'en', 0x0a: 'es',
  0x0b: 'fi', 0x0c: 'fr', 0x0d: 'he', 0x0e: 'hu', 0x10: 'it', 0x11: 'ja', 0x12: 'ko', 0x13: 'nl',
  0x14: 'no', 0x15: 'pl', 0x16: 'pt', 0x19: 'ru', 0x1d: 'sv', 0x1e: 'th', 0x1f: 'tr', 0x2a: 'vi',
};

const COMPRESSION: Record<number, Compression> = { 1: 'none', 2: 'palmdoc', 17480: 'huffcdic' };

export function decoderFor(codec: TextCodec): (b: Uint8Array) => string {
  const d = new TextDecoder(codec);
  return (b) => d.decode(b);
}

export function parseMobiHeader(v: ByteView, base: number): MobiHeader {
  const compressionCode = v.u16(0, 'compression');
  const compression = COMPRESSION[compressionCode];
  if (!compression) throw badInput(`${v.label}: unknown text compression ${compressionCode}`);
  const h: MobiHeader = {
    base,
    compression,
    compressionCode,
    textLength: v.u32(4, 'text length'),
    textRecordCount: v.u16(8, 'text record count'),
    textRecordSize: v.u16(10, 'text record size'),
    encryptionType: v.u16(12, 'encryption type'),
    hasMobiHeader: v.tag(16) === 'MOBI',
    headerLength: 0,
    mobiType: 0,
    textEncodingCode: 1252,
    codec: 'windows-1252',
    uniqueId: 0,
    fileVersion: 0,
    fullName: '',
    localeCode: 0,
    minVersion: 0,
    firstResourceRecord: NULL_INDEX,
    huffRecord: 0,
    huffCount: 0,
    exthFlags: 0,
    drmOffset: NULL_INDEX,
    drmCount: 0,
    drmSize: 0,
    drmFlags: 0,
    extraDataFlags: 0,
    ncxIndex: NULL_INDEX,
    fdstIndex: NULL_INDEX,
    fdstCount: 0,
    fragIndex: NULL_INDEX,
    skelIndex: NULL_INDEX,
    datpIndex: NULL_INDEX,
    guideIndex: NULL_INDEX,
    exth: [],
  };
  if (!h.hasMobiHeader) return h; // bare PalmDOC: cp1252 text, nothing else to read

  h.headerLength = v.u32(20, 'MOBI header length');
  if (h.headerLength < 24 || 16 + h.headerLength > v.length) {
    throw badInput(`${v.label}: MOBI header length ${h.headerLength} does not fit in the ${v.length}-byte record`);
  }
  // Fields beyond the declared header length are absent (old, short headers): read them as "none".
  const has = (off: number, size = 4) => off + size <= 16 + h.headerLength;
  const u32 = (off: number, what: string, dflt = NULL_INDEX) => (has(off) ? v.u32(off, what) : dflt);
  h.mobiType = v.u32(24, 'MOBI type');
  h.textEncodingCode = v.u32(28, 'text encoding');
  h.codec = h.textEncodingCode === 65001 ? 'utf-8' : 'windows-1252';
  h.uniqueId = v.u32(32, 'unique id');
  h.fileVersion = v.u32(36, 'file version');
  const nameOffset = u32(0x54, 'full name offset', 0);
  const nameLength = u32(0x58, 'full name length', 0);
  const decode = decoderFor(h.codec);
  if (nameLength > 0 && nameOffset + nameLength <= v.length) h.fullName = decode(v.slice(nameOffset, nameLength, 'full name'));
  h.localeCode = u32(0x5c, 'locale', 0);
  h.localeLanguage = LOCALE_LANGUAGES[h.localeCode & 0xff];
  h.minVersion = u32(0x68, 'minimum version', 0);
  h.firstResourceRecord = u32(0x6c, 'first resource record');
  h.huffRecord = u32(0x70, 'HUFF record', 0);
  h.huffCount = u32(0x74, 'HUFF record count', 0);
  h.exthFlags = u32(0x80, 'EXTH flags', 0);
  h.drmOffset = u32(0xa8, 'DRM offset');
  h.drmCount = u32(0xac, 'DRM count', 0);
  h.drmSize = u32(0xb0, 'DRM size', 0);
  h.drmFlags = u32(0xb4, 'DRM flags', 0);
  // Header lengths below 0xE4 predate trailing entries (calibre's reader makes the same cut).
  if (h.headerLength >= 0xe4 && has(0xf2, 2)) h.extraDataFlags = v.u16(0xf2, 'extra data flags');
  h.ncxIndex = u32(0xf4, 'NCX index');
  if (h.fileVersion >= 8) {
    h.fdstIndex = u32(0xc0, 'FDST index');
    h.fdstCount = u32(0xc4, 'FDST count', 0);
    if (h.fdstCount <= 1) h.fdstIndex = NULL_INDEX; // one flow: the index may be garbage (calibre)
    h.fragIndex = u32(0xf8, 'fragment index');
    h.skelIndex = u32(0xfc, 'skeleton index');
    h.datpIndex = u32(0x100, 'DATP index');
    h.guideIndex = u32(0x104, 'guide index');
  }
  if (h.exthFlags & 0x40) {
    // Damage in the metadata block must not cost the text: the book is read without its EXTH, and says so.
    try {
      h.exth = parseExth(v, 16 + h.headerLength, decode);
    } catch (err) {
      h.exthDamage = (err as Error).message;
    }
  }
  return h;
}

/** First EXTH value of a type. */
export function exthValue(h: MobiHeader, type: number): string | number | undefined {
  return h.exth.find((r) => r.type === type)?.value;
}

export function exthValues(h: MobiHeader, type: number): string[] {
  return h.exth.filter((r) => r.type === type && typeof r.value === 'string').map((r) => r.value as string);
}
