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
  /**
   * Names that occur more than once (a hostile or broken container): `get` gives the first version,
   * `entries` holds every version (open-document reads them all).
   */
  duplicates: string[];
  /** The entry stored under exactly this name (case-sensitive, as OCF says), its first version. */
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

/** Counts what the reader inflated (tests hold a zip bomb's refusal to come before its bytes). */
export interface ZipMeter {
  inflated: number;
}

/**
 * Reads a whole ZIP (EPUB, CBZ, screenshot ZIP) from memory with every bound a hostile archive needs:
 * yauzl refuses absolute and `..` names and checks, as the bytes come, that no entry inflates past its
 * declared size. Here the whole central directory is read first and the entry count, each entry's and
 * the total declared size are bounded before a single byte is inflated (a 1 MB zip bomb declaring 1 GiB
 * is refused with nothing inflated); the inflated bytes are counted again as they come, against the same
 * total. Errors are one line: the caller prefixes the item.
 */
export async function readZip(bytes: Uint8Array, limits: ZipLimits, meter: ZipMeter = { inflated: 0 }): Promise<ZipContents> {
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
  try {
    const listed = await listEntries(zip);
    let declared = 0;
    for (const entry of listed) {
      if (entry.uncompressedSize > limits.maxZipEntryBytes) {
        throw badInput(`ZIP entry ${entry.fileName} claims ${entry.uncompressedSize} bytes uncompressed (limit ${limits.maxZipEntryBytes}): refused as a zip bomb`);
      }
      declared += entry.uncompressedSize;
    }
    if (declared > limits.maxZipTotalBytes) {
      throw badInput(`ZIP entries add up to more than ${limits.maxZipTotalBytes} bytes uncompressed (${declared} declared): refused as a zip bomb before inflating`);
    }
    for (const entry of listed) {
      const data = await inflateEntry(zip, entry, meter, limits.maxZipTotalBytes);
      const name = entry.fileName;
      if (seen.has(name) && !duplicates.includes(name)) duplicates.push(name);
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
    }
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

/** Every file entry of the central directory (folders skipped), nothing inflated yet. */
function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const listed: yauzl.Entry[] = [];
    zip.on('error', (err) => reject(badInput(`broken ZIP: ${oneLine(err)}`)));
    zip.on('end', () => resolve(listed));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) listed.push(entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/**
 * One entry inflated into one buffer. yauzl stops an entry that inflates past its declared size; the meter
 * also stops the archive once everything inflated so far passes the total (never more than a chunk beyond).
 */
function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, meter: ZipMeter, maxTotal: number): Promise<Uint8Array> {
  const name = entry.fileName;
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(badInput(`ZIP entry ${name}: ${oneLine(err)}`));
        return;
      }
      // The declared size (already bounded) is allocated once and filled as the bytes come: no chunk list, no
      // second copy. yauzl stops an entry that inflates past it and fails one that ends short of it.
      const out = Buffer.allocUnsafeSlow(entry.uncompressedSize);
      let size = 0;
      stream.on('data', (c: Buffer) => {
        meter.inflated += c.length;
        const over = meter.inflated > maxTotal
          ? `ZIP entries add up to more than ${maxTotal} bytes uncompressed as inflated (at entry ${name}): refused as a zip bomb`
          : size + c.length > out.length ? `ZIP entry ${name} inflates past the ${out.length} bytes it declares: refused` : null;
        if (over) {
          stream.destroy();
          reject(badInput(over));
          return;
        }
        size += c.copy(out, size);
      });
      stream.on('error', (e) => reject(badInput(`ZIP entry ${name}: ${oneLine(e)}`)));
      stream.on('end', () => {
        resolve(new Uint8Array(out.buffer, out.byteOffset, size));
      });
    });
  });
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

