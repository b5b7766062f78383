import yauzl from 'yauzl';
import { sha256Hex } from '../evidence/hashing';
import type { ExtractionLimits, InventoryEntry } from './types';
import { oneLine } from '../common/errors';

/** One ZIP entry read into memory, with the facts the inventory records. */
export interface ZipEntry extends InventoryEntry {
  data: Uint8Array;
}

export interface ZipContents {
  entries: ZipEntry[];
  /** Names that occur more than once (a hostile or broken container; the first one wins). */
  duplicates: string[];
  get(name: string): Uint8Array | undefined;
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
    throw new Error(`not a readable ZIP container: ${oneLine(err)}`);
  }
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw new Error(`ZIP has ${zip.entryCount} entries (limit ${limits.maxZipEntries})`);
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err) => reject(new Error(`broken ZIP: ${oneLine(err)}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > limits.maxZipEntryBytes) {
          reject(new Error(`ZIP entry ${name} claims ${entry.uncompressedSize} bytes uncompressed (limit ${limits.maxZipEntryBytes}): refused as a zip bomb`));
          return;
        }
        total += entry.uncompressedSize;
        if (total > limits.maxZipTotalBytes) {
          reject(new Error(`ZIP entries add up to more than ${limits.maxZipTotalBytes} bytes uncompressed: refused as a zip bomb`));
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) {
            reject(new Error(`ZIP entry ${name}: ${oneLine(err)}`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (e) => reject(new Error(`ZIP entry ${name}: ${oneLine(e)}`)));
          stream.on('end', () => {
            const data = new Uint8Array(Buffer.concat(chunks));
            if (seen.has(name)) duplicates.push(name);
            seen.add(name);
            entries.push({
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
  const byName = new Map<string, Uint8Array>();
  for (const e of entries) if (!byName.has(e.name)) byName.set(e.name, e.data);
  return { entries, duplicates, get: (name) => byName.get(name) };
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

