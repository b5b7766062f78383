import yauzl from 'yauzl';
import iconv from 'iconv-lite';
import { sha256Hex } from '../evidence/hashing';
import type { ExtractionLimits, InventoryEntry } from './types';
import { badInput, oneLine } from '../common/errors';

/** One ZIP entry read into memory, with the facts the inventory records. */
export interface ZipEntry extends InventoryEntry {
  data: Uint8Array;
  /** The name's bytes as stored, when they are not marked UTF-8 and are not ASCII (their encoding is a guess). */
  unmarkedName?: Buffer;
}

/** How names without the UTF-8 flag were decoded. CP437 is the ZIP default; Japanese tools write Shift_JIS or raw UTF-8. */
export type ZipNameEncoding = 'cp437' | 'utf-8' | 'shift_jis';
export const ZIP_NAME_ENCODINGS: readonly ZipNameEncoding[] = ['cp437', 'utf-8', 'shift_jis'];

export interface ZipContents {
  entries: ZipEntry[];
  /** Names that occur more than once (a hostile or broken container; the first one wins). */
  duplicates: string[];
  get(name: string): Uint8Array | undefined;
  /** True when some names are neither ASCII nor marked UTF-8: their encoding had to be chosen. */
  hasUnmarkedNames: boolean;
  /** The encoding unmarked names are decoded with now ('cp437' as read). */
  nameEncoding: ZipNameEncoding;
  /**
   * Decodes the unmarked names again with another encoding (in place: `entries`, `get`, `duplicates`).
   * Returns false, changing nothing, when the bytes are not valid in that encoding.
   */
  useNameEncoding(encoding: ZipNameEncoding): boolean;
}

type ZipLimits = Pick<ExtractionLimits, 'maxZipEntries' | 'maxZipEntryBytes' | 'maxZipTotalBytes'>;

/**
 * Reads a whole ZIP (EPUB, CBZ, screenshot ZIP) from memory with every bound a hostile archive needs:
 * yauzl refuses absolute and `..` names and checks that each entry's real size matches its header;
 * here we also bound the entry count, each entry's and the total uncompressed size (zip bombs)
 * before inflating anything. Errors are one line: the caller prefixes the item.
 */
export async function readZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipContents> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (err) {
    throw badInput(`not a readable ZIP container: ${oneLine(err)}`);
  }
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw badInput(`ZIP has ${zip.entryCount} entries (limit ${limits.maxZipEntries})`);
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err) => reject(badInput(`broken ZIP: ${oneLine(err)}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > limits.maxZipEntryBytes) {
          reject(badInput(`ZIP entry ${name} claims ${entry.uncompressedSize} bytes uncompressed (limit ${limits.maxZipEntryBytes}): refused as a zip bomb`));
          return;
        }
        total += entry.uncompressedSize;
        if (total > limits.maxZipTotalBytes) {
          reject(badInput(`ZIP entries add up to more than ${limits.maxZipTotalBytes} bytes uncompressed: refused as a zip bomb`));
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) {
            reject(badInput(`ZIP entry ${name}: ${oneLine(err)}`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (e) => reject(badInput(`ZIP entry ${name}: ${oneLine(e)}`)));
          stream.on('end', () => {
            const data = new Uint8Array(Buffer.concat(chunks));
            if (seen.has(name)) duplicates.push(name);
            seen.add(name);
            entries.push({
              ...(isUnmarked(entry) ? { unmarkedName: Buffer.from(entry.fileNameRaw) } : {}),
              name,
              size: data.byteLength,
              compressedSize: entry.compressedSize,
              date: dosDate(entry.lastModFileDate, entry.lastModFileTime),
              sha256: sha256Hex(data),
              data,
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  let byName = indexByName(entries);
  const contents: ZipContents = {
    entries,
    duplicates,
    get: (name) => byName.get(name),
    hasUnmarkedNames: entries.some((e) => e.unmarkedName),
    nameEncoding: 'cp437',
    useNameEncoding(encoding) {
      const names = new Map<ZipEntry, string>();
      for (const e of entries) {
        if (!e.unmarkedName) continue;
        const name = decodeName(e.unmarkedName, encoding);
        if (name === null) return false;
        names.set(e, name);
      }
      for (const [e, name] of names) e.name = name;
      byName = indexByName(entries);
      const counted = new Map<string, number>();
      for (const e of entries) counted.set(e.name, (counted.get(e.name) ?? 0) + 1);
      duplicates.splice(0, duplicates.length, ...[...counted].filter(([, n]) => n > 1).map(([name]) => name));
      contents.nameEncoding = encoding;
      return true;
    },
  };
  return contents;
}

function indexByName(entries: readonly ZipEntry[]): Map<string, Uint8Array> {
  const byName = new Map<string, Uint8Array>();
  for (const e of entries) if (!byName.has(e.name)) byName.set(e.name, e.data);
  return byName;
}

/** Not flagged UTF-8 (bit 11), no Info-ZIP Unicode Path field (0x7075, which yauzl applies), and not ASCII. */
function isUnmarked(entry: yauzl.Entry): boolean {
  if (entry.generalPurposeBitFlag & 0x800) return false;
  if (entry.extraFields.some((f) => f.id === 0x7075)) return false;
  return entry.fileNameRaw.some((b) => b >= 0x80);
}

/**
 * A stored name decoded with `encoding`, or null when the bytes are not valid in it. The result is checked
 * as yauzl checks the names it decodes: no absolute path, no `..` segment, `\` taken as `/`.
 */
function decodeName(raw: Buffer, encoding: ZipNameEncoding): string | null {
  const name = iconv.decode(raw, encoding);
  if (encoding !== 'cp437' && (name.includes('\uFFFD') || !iconv.encode(name, encoding).equals(raw))) return null;
  const clean = name.replace(/\\/g, '/');
  if (/^([a-zA-Z]:)?\//.test(clean) || clean.split('/').includes('..')) throw badInput(`ZIP entry name ${JSON.stringify(clean)} (as ${encoding}) leaves the archive: refused`);
  return clean;
}

export function inventoryOf(zip: ZipContents): InventoryEntry[] {
  return zip.entries.map(({ name, size, compressedSize, date, sha256 }) => ({ name, size, compressedSize, date, sha256 }));
}

/** DOS date/time as written (local time of the packer, no zone): ISO text without an offset. */
function dosDate(date: number, time: number): string | null {
  if (!date) return null;
  const y = ((date >> 9) & 0x7f) + 1980;
  const mo = (date >> 5) & 0x0f;
  const d = date & 0x1f;
  const h = (time >> 11) & 0x1f;
  const mi = (time >> 5) & 0x3f;
  const s = (time & 0x1f) * 2;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}`;
}

