import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import yazl from 'yazl';
import type { CaseHandle } from '../case/case-folder';
import { badInput, throwIfCancelled, notFound } from '../common/errors';
import { naturalCompare, naturalSort } from '../common/natural-sort';
import { TripleHasher } from './hashing';
import { addOne, removeStaleIncoming, type IntakeOptions, type IntakeResult } from './intake';
import { detectMediaType } from './media-type';

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
  c: CaseHandle, folder: string, opts: IntakeOptions & { order?: ScreenshotOrder } = {},
): Promise<ScreenshotSetResult> {
  const abs = path.resolve(folder);
  let st: fs.Stats;
  try { st = fs.statSync(abs); } catch { throw notFound(`${abs}: no such folder`); }
  if (!st.isDirectory()) throw badInput(`${abs}: is not a folder (a screenshot set is a folder of images)`);
  const members: ScreenshotMember[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const names = naturalSort(fs.readdirSync(abs));
  if (names.length > MAX_MEMBERS) throw badInput(`${abs}: more than ${MAX_MEMBERS} entries; split the set`);
  for (const name of names) {
    throwIfCancelled(opts.signal);
    const file = path.join(abs, name);
    const fst = fs.lstatSync(file);
    if (!fst.isFile()) { skipped.push({ name, reason: fst.isDirectory() ? 'folder' : 'not a regular file' }); continue; }
    const media = await detectMediaType(file, name);
    if (!IMAGE_TYPES.has(media.mediaType)) { skipped.push({ name, reason: `not an image (${media.label})` }); continue; }
    // Digests are filled in while the file is packed: one read, and they describe the packed bytes.
    members.push({ name, entry: name, sha256: '', sha1: '', md5: '', size: fst.size, mtime: fst.mtime.toISOString(), mediaType: media.mediaType });
  }
  if (members.length === 0) throw badInput(`${abs}: no images in this folder (PNG, JPEG, WebP, GIF, TIFF, BMP)`);
  if (opts.order === 'time') {
    // Capture order: the file times, ties by name. Entries get an order prefix because readers of
    // the container (and the document engine) sort entries by name.
    members.sort((a, b) => (a.mtime < b.mtime ? -1 : a.mtime > b.mtime ? 1 : naturalCompare(a.name, b.name)));
    const width = Math.max(4, String(members.length).length);
    members.forEach((m, i) => { m.entry = `${String(i + 1).padStart(width, '0')} ${m.name}`; });
  }

  removeStaleIncoming(c.evidenceDir);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-set-'));
  const container = path.join(tmpDir, 'set.cbz');
  try {
    try {
      await writeStoredZip(container, abs, members);
    } catch (err) {
      // yazl checks each entry's byte count against the size it was given: a file changed meanwhile.
      throw badInput(`${abs}: a screenshot could not be packed (${(err as Error).message}); nothing was added`, err);
    }
    const result = await addOne(c, container, opts, {
      originalName: `${path.basename(abs)} (screenshot set).cbz`,
      originalPath: abs,
      originalMtime: st.mtime.toISOString(),
      details: { screenshotSet: { folder: abs, assembledBy: `Shoko (stored ZIP, ${opts.order === 'time' ? 'capture-time order, entries numbered' : 'natural name order'})`, members, skipped } },
    });
    return { ...result, members, skipped };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Packs the members unchanged (stored) and sets each member's digests from the bytes packed. */
function writeStoredZip(out: string, folder: string, members: ScreenshotMember[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const m of members) {
      const hasher = new TripleHasher();
      const through = new Transform({
        transform(chunk: Buffer, _enc, done) { hasher.update(chunk); done(null, chunk); },
        flush(done) { Object.assign(m, hasher.digest()); done(); },
      });
      const source = fs.createReadStream(path.join(folder, m.name));
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
