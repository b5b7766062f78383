import { badInput } from '../../common/errors';
import { drmProtected } from '../protection';
import { latin1 } from './bytes';
import { CREATOR_SOFTWARE, type ExthRecord } from './exth';
import { kindleLabel } from './kind-label';
import { exthValue, exthValues, NULL_INDEX, parseMobiHeader, type MobiHeader } from './mobi-header';
import { parsePalmDb, type PalmDb } from './palmdb';

export type KindleKind = 'mobi6' | 'joint' | 'kf8' | 'kfx' | 'topaz';

export interface KindleMetadata {
  title: string;
  authors: string[];
  publisher?: string;
  language?: string;
  isbn?: string;
  /** EXTH 113: an Amazon ASIN, or a UUID for calibre/kindlegen books made outside the store. */
  asin?: string;
  contributor?: string;
  /** EXTH 204-207 and 535, e.g. "kindlegen (Linux) 2.9.0 build 0730-890adc2". */
  creatorSoftware?: string;
  description?: string;
  subjects: string[];
  publishDate?: string;
  source?: string;
  rights?: string;
  /** EXTH 501: EBOK (store book), PDOC (personal document), EBSP (sample)… */
  cdeType?: string;
  /** EXTH 525/527, e.g. "horizontal-rl" and "rtl" for Japanese books. */
  writingMode?: string;
  pageProgressionDirection?: string;
  /** Every EXTH record of the KF7 (or only) header, decoded where known. */
  exth: ExthRecord[];
  /** EXTH records of the KF8 header of a joint file. */
  kf8Exth?: ExthRecord[];
}

export interface KindleInfo {
  kind: KindleKind;
  /** True when the content cannot be read: MOBI encryption, KFX/Topaz containers. */
  encrypted: boolean;
  /** The user-facing refusal in the engine's one DRM wording (protection.ts drmProtected). */
  drmReason?: string;
  /** PalmDB type+creator ("BOOKMOBI", "TEXtREAd"); absent for KFX/Topaz. */
  palmType?: string;
  palmName?: string;
  recordCount?: number;
  textEncoding?: 'utf-8' | 'windows-1252';
  compression?: 'none' | 'palmdoc' | 'huffcdic';
  /** MOBI file version of the first header (6 for KF7, 8 for KF8). */
  mobiVersion?: number;
  /** Joint files: absolute record number of the KF8 header (EXTH 121). */
  kf8HeaderRecord?: number;
  /** Uncompressed text length (bytes) of the part that would be converted. */
  textLength?: number;
  /**
   * Damage read around, one line each: record table entries that point nowhere, a record count larger than
   * the table, an unreadable EXTH block (prefixed "EXTH metadata unreadable:"). Absent for a sound file.
   */
  damage?: string[];
  metadata: KindleMetadata;
}

/** The parsed container, for the converters. */
export interface KindleBook {
  info: KindleInfo;
  db?: PalmDb;
  kf7?: MobiHeader;
  kf8?: MobiHeader;
}

const emptyMetadata = (): KindleMetadata => ({ title: '', authors: [], subjects: [], exth: [] });

/** Recognizes the container and reads its headers; never decompresses text. */
export function openKindle(bytes: Uint8Array): KindleBook {
  const head = latin1(bytes.subarray(0, 8));
  if (head.startsWith('CONT') || head.startsWith('\xe0\x01\x00\xea') || head.startsWith('\xeaDRMION')) {
    return {
      info: {
        kind: 'kfx',
        encrypted: true,
        drmReason: drmProtected(`${kindleLabel('kfx')}, ${head.startsWith('CONT') ? 'CONT' : head.startsWith('\xea') ? 'DRMION' : 'Ion'} container`),
        metadata: emptyMetadata(),
      },
    };
  }
  if (head.startsWith('TPZ')) {
    return {
      info: { kind: 'topaz', encrypted: true, drmReason: drmProtected(`${kindleLabel('topaz')} container, not readable`), metadata: emptyMetadata() },
    };
  }
  const db = parsePalmDb(bytes);
  if (db.typeCreator !== 'BOOKMOBI' && db.typeCreator.toUpperCase() !== 'TEXTREAD') {
    throw badInput(`PalmDB header: type ${JSON.stringify(db.typeCreator)} is not a MOBI/AZW book (BOOKMOBI or TEXtREAd)`);
  }
  const first = parseMobiHeader(db.view(0, 'MOBI header'), 0);
  let kf7: MobiHeader | undefined = first;
  let kf8: MobiHeader | undefined;
  let kind: KindleKind = 'mobi6';
  let kf8HeaderRecord: number | undefined;
  if (first.fileVersion >= 8) {
    kind = 'kf8';
    kf8 = first;
    kf7 = undefined;
  } else {
    const boundary = exthValue(first, 121);
    if (typeof boundary === 'number' && boundary !== NULL_INDEX) {
      if (boundary < 2 || boundary >= db.recordCount) {
        throw badInput(`MOBI header: EXTH 121 puts the KF8 header at record ${boundary}, outside the file's ${db.recordCount} records`);
      }
      if (latin1(db.record(boundary - 1).subarray(0, 8)) !== 'BOUNDARY') {
        throw badInput(`record ${boundary - 1}: EXTH 121 names a KF8 boundary here but the record is not "BOUNDARY"`);
      }
      kf8 = parseMobiHeader(db.view(boundary, 'KF8 header'), boundary);
      kind = 'joint';
      kf8HeaderRecord = boundary;
    }
  }
  const damage = [...db.damage, ...[...new Set([first, kf8])].flatMap((h) => (h?.exthDamage ? [`EXTH metadata unreadable: ${h.exthDamage}`] : []))];
  const main = kf7 ?? kf8!;
  const encryption = Math.max(kf7?.encryptionType ?? 0, kf8?.encryptionType ?? 0);
  const info: KindleInfo = {
    kind,
    encrypted: encryption !== 0,
    palmType: db.typeCreator,
    palmName: db.name,
    recordCount: db.recordCount,
    textEncoding: main.codec,
    compression: (kf8 ?? main).compression,
    mobiVersion: first.fileVersion || undefined,
    kf8HeaderRecord,
    textLength: (kf8 ?? main).textLength,
    ...(damage.length ? { damage } : {}),
    metadata: buildMetadata(main, kf8 !== main ? kf8 : undefined, db),
  };
  if (info.encrypted) {
    const scheme = encryption === 1 ? 'old Mobipocket' : 'Mobipocket/Kindle';
    info.drmReason = drmProtected(`${kindleLabel(kind)}, MOBI encryption type ${encryption} (${scheme} DRM)`);
  }
  return { info, db, kf7, kf8 };
}

function buildMetadata(h: MobiHeader, kf8: MobiHeader | undefined, db: PalmDb): KindleMetadata {
  const text = (type: number): string | undefined => {
    for (const hh of kf8 ? [h, kf8] : [h]) {
      const v = exthValue(hh, type);
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
    return undefined;
  };
  const m: KindleMetadata = {
    title: text(503) ?? (h.fullName || db.name),
    authors: exthValues(h, 100).map((a) => a.trim()).filter(Boolean),
    publisher: text(101),
    language: text(524) ?? h.localeLanguage,
    isbn: text(104),
    asin: text(113) ?? text(504),
    contributor: text(108),
    description: text(103),
    subjects: exthValues(h, 105).map((s) => s.trim()).filter(Boolean),
    publishDate: text(106),
    source: text(112),
    rights: text(109),
    cdeType: text(501),
    writingMode: text(525),
    pageProgressionDirection: text(527),
    creatorSoftware: creatorSoftware(kf8 ?? h) ?? creatorSoftware(h),
    exth: h.exth,
  };
  if (m.authors.length === 0 && kf8) m.authors = exthValues(kf8, 100).map((a) => a.trim()).filter(Boolean);
  if (kf8) m.kf8Exth = kf8.exth;
  return m;
}

function creatorSoftware(h: MobiHeader): string | undefined {
  const tool = exthValue(h, 204);
  if (typeof tool !== 'number') return undefined;
  const name = CREATOR_SOFTWARE[tool] ?? `creator ${tool}`;
  const parts = [205, 206, 207].map((t) => exthValue(h, t));
  const version = parts.every((p) => typeof p === 'number') ? ` ${parts.join('.')}` : '';
  const build = exthValue(h, 535);
  return `${name}${version}${typeof build === 'string' ? ` build ${build}` : ''}`;
}
