import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import yazl from 'yazl';
import type { CaseHandle } from '../case/case-folder';
import { badInput, throwIfCancelled, notFound } from '../common/errors';
import { naturalCompare } from '../common/natural-sort';
import { TripleHasher } from './hashing';
import { addOne, removeStaleIncoming, type IntakeOptions, type IntakeResult } from './intake';
import { detectMediaType } from './media-type';
import { baseName, isUtf8, joinPath, pathBytes, pathText, rawNameRecord, readableName, resolvePath, type FsPath, type RawNameRecord } from './raw-names';

export interface ScreenshotMember {
  name: string;
  /** The entry's name in the container: the file name, or with an order prefix ("0001 ") when sorted by time. */
  entry: string;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  mtime: string;
  mediaType: string;
  /** Only for a name that is not UTF-8: its bytes (hex) and how `name` was made from them. */
  nameBytes?: RawNameRecord;
}

export interface ScreenshotSetResult extends IntakeResult {
  members: ScreenshotMember[];
  skipped: { name: string; reason: string }[];
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/tiff', 'image/bmp']);
const MAX_MEMBERS = 10_000;

/**
 * Adds a folder of screenshots (a book captured page by page from a reader app or a store preview)
 * as one evidence item: a stored (uncompressed) ZIP that Shoko assembles from the folder's images
 * in natural name order, with each member's original bytes, name and time unchanged. Each original
 * is hashed on its own and the list goes into the custody event, so every screenshot stays
 * traceable to the file the investigator collected. The same folder gives the same container bytes.
 */
export type ScreenshotOrder = 'name' | 'time';

export async function addScreenshotFolder(
  c: CaseHandle, folder: FsPath, opts: IntakeOptions & { order?: ScreenshotOrder } = {},
): Promise<ScreenshotSetResult> {
  const folderPath = resolvePath(folder);
  const abs = pathText(folderPath);
  let st: fs.Stats;
  try { st = fs.statSync(folderPath); } catch { throw notFound(`${abs}: no such folder`); }
  if (!st.isDirectory()) throw badInput(`${abs}: is not a folder (a screenshot set is a folder of images)`);
  const members: ScreenshotMember[] = [];
  const skipped: { name: string; reason: string; nameBytes?: RawNameRecord }[] = [];
  // Names as bytes: one that is not UTF-8 (Shift_JIS) is read by its bytes and shown decoded or escaped.
  const sources = new Map<ScreenshotMember, FsPath>();
  const names = fs.readdirSync(folderPath, { encoding: 'buffer' })
    .map((raw) => ({ raw, name: readableName(raw).text, bytes: rawNameRecord(raw) ?? undefined }))
    .sort((a, b) => naturalCompare(a.name, b.name) || Buffer.compare(a.raw, b.raw));
  if (names.length > MAX_MEMBERS) throw badInput(`${abs}: more than ${MAX_MEMBERS} entries; split the set`);
  for (const { raw, name, bytes } of names) {
    throwIfCancelled(opts.signal);
    const file = joinPath(folderPath, isUtf8(raw) ? raw.toString('utf8') : raw);
    const fst = fs.lstatSync(file);
    const skip = (reason: string) => skipped.push({ name, reason, ...(bytes ? { nameBytes: bytes } : {}) });
    if (!fst.isFile()) { skip(fst.isDirectory() ? 'folder' : fst.isSymbolicLink() ? 'symbolic link (not followed)' : 'not a regular file'); continue; }
    const media = await detectMediaTypeOf(file, name);
    if (!IMAGE_TYPES.has(media.mediaType)) { skip(`not an image (${media.label})`); continue; }
    // Digests are filled in while the file is packed: one read, and they describe the packed bytes.
    const m: ScreenshotMember = { name, entry: entryName(name, raw), sha256: '', sha1: '', md5: '', size: fst.size, mtime: fst.mtime.toISOString(), mediaType: media.mediaType, ...(bytes ? { nameBytes: bytes } : {}) };
    members.push(m);
    sources.set(m, file);
  }
  uniqueEntries(members);
  if (members.length === 0) throw badInput(`${abs}: no images in this folder (PNG, JPEG, WebP, GIF, TIFF, BMP)`);
  if (opts.order === 'time') {
    // Capture order: the file times, ties by name. Entries get an order prefix because readers of
    // the container (and the document engine) sort entries by name.
    members.sort((a, b) => (a.mtime < b.mtime ? -1 : a.mtime > b.mtime ? 1 : naturalCompare(a.name, b.name)));
    const width = Math.max(4, String(members.length).length);
    members.forEach((m, i) => { m.entry = `${String(i + 1).padStart(width, '0')} ${m.entry}`; });
  }

  removeStaleIncoming(c.evidenceDir);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-set-'));
  const container = path.join(tmpDir, 'set.cbz');
  try {
    try {
      await writeStoredZip(container, members, sources);
    } catch (err) {
      // yazl checks each entry's byte count against the size it was given: a file changed meanwhile.
      throw badInput(`${abs}: a screenshot could not be packed (${(err as Error).message}); nothing was added`, err);
    }
    const result = await addOne(c, container, opts, {
      originalName: `${readableName(baseName(folderPath)).text} (screenshot set).cbz`,
      originalPath: abs,
      originalMtime: st.mtime.toISOString(),
      ...(isUtf8(pathBytes(folderPath)) ? {} : { originalPathHex: pathBytes(folderPath).toString('hex') }),
      details: { screenshotSet: { folder: abs, assembledBy: `Shoko (stored ZIP, ${opts.order === 'time' ? 'capture-time order, entries numbered' : 'natural name order'})`, members, skipped } },
    });
    return { ...result, members, skipped };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Packs the members unchanged (stored) and sets each member's digests from the bytes packed. */
function writeStoredZip(out: string, members: ScreenshotMember[], sources: Map<ScreenshotMember, FsPath>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const m of members) {
      const hasher = new TripleHasher();
      const through = new Transform({
        transform(chunk: Buffer, _enc, done) { hasher.update(chunk); done(null, chunk); },
        flush(done) { Object.assign(m, hasher.digest()); done(); },
      });
      const source = fs.createReadStream(sources.get(m)!);
      source.on('error', (e) => through.destroy(e));
      zip.addReadStream(source.pipe(through), m.entry, { compress: false, size: m.size, mtime: new Date(m.mtime), mode: 0o100444 });
    }
    zip.end();
    const ws = fs.createWriteStream(out);
    zip.outputStream.pipe(ws).on('close', () => resolve()).on('error', reject);
    zip.outputStream.on('error', reject);
    zip.on('error', reject);
  });
}

/**
 * The member's name in the container. A name that is not UTF-8 enters as its readable form, with '\'
 * (of the \xNN escapes) written '＼': the ZIP writer takes '\' for a folder separator.
 */
function entryName(name: string, raw: Buffer): string {
  return isUtf8(raw) ? name : name.replace(/\\/g, '＼');
}

/**
 * Two members may read the same (a Shift_JIS "テスト.png" beside a UTF-8 one): the one that is not UTF-8
 * then carries its bytes in its entry name, so no two entries share a name.
 */
function uniqueEntries(members: ScreenshotMember[]): void {
  const utf8Entries = new Set(members.filter((m) => !m.nameBytes).map((m) => m.entry));
  const taken = new Set<string>(utf8Entries);
  for (const m of members) {
    if (!m.nameBytes) continue;
    if (taken.has(m.entry)) {
      const ext = path.extname(m.entry);
      m.entry = `${m.entry.slice(0, m.entry.length - ext.length)} [${m.nameBytes.hex}]${ext}`;
    }
    taken.add(m.entry);
  }
}

/**
 * The media type of a member read by its bytes: the sniffer takes a text path, so a name that is not
 * UTF-8 is handed over as the descriptor's path (/proc/self/fd/N on Linux, /dev/fd/N elsewhere).
 */
async function detectMediaTypeOf(file: FsPath, name: string): Promise<Awaited<ReturnType<typeof detectMediaType>>> {
  if (typeof file === 'string') return detectMediaType(file, name);
  const fd = fs.openSync(file, 'r');
  try {
    const fdPath = fs.existsSync('/proc/self/fd') ? `/proc/self/fd/${fd}` : `/dev/fd/${fd}`;
    return await detectMediaType(fdPath, name);
  } finally {
    fs.closeSync(fd);
  }
}
