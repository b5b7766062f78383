import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { badInput } from '../../common/errors';
import { listBagFiles, NotAPlainFileError } from './bag-files';

/** Zips a finished bag folder with one top-level folder `top/` (what bag.zip recipients unpack). */
export async function zipBagDir(dir: string, top: string, zipFile: string, mtime = new Date()): Promise<void> {
  // Listed before the zip is opened: a link in the folder fails here, and yazl never follows one.
  let files: string[];
  try {
    files = listBagFiles(dir);
  } catch (err) {
    if (err instanceof NotAPlainFileError) throw badInput(`${dir}: ${err.message}; a bag holds only plain files and folders`);
    throw err;
  }
  const zip = new yazl.ZipFile();
  for (const r of files) zip.addFile(path.join(dir, ...r.split('/')), `${top}/${r}`, { mtime, mode: 0o100644 });
  zip.end();
  const out = fs.createWriteStream(zipFile, { flags: 'wx' });
  await pipeline(zip.outputStream, out);
  const fd = fs.openSync(zipFile, 'r+');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

export interface UnzippedBag {
  /** The bag folder inside the temporary extraction. */
  dir: string;
  top: string;
  cleanup(): void;
}

/**
 * Extracts a bag.zip into a private temporary folder to check it. Entries must all sit under one
 * top-level folder; absolute paths, '..', backslashes and links are refused (a hostile zip must not
 * write outside the extraction folder).
 */
/** A bag.zip is unpacked to be verified: bounds keep a hostile one (zip bomb) from filling the disk. */
const MAX_BAG_ENTRIES = 200_000;
/** Total unpacked bytes allowed per byte of zip (originals are mostly incompressible) … */
const MAX_EXPANSION = 100;
/** … but never less than this, so a small bag of text still unpacks. */
const MIN_UNPACK_BYTES = 1024 ** 3;

export async function unzipBag(zipFile: string): Promise<UnzippedBag> {
  const maxBytes = Math.max(MIN_UNPACK_BYTES, fs.statSync(zipFile).size * MAX_EXPANSION);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bag-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const top = await new Promise<string>((resolve, reject) => {
      yauzl.open(zipFile, { lazyEntries: true, autoClose: true }, (err, zip) => {
        if (err || !zip) return reject(badInput(`${zipFile}: not a readable zip (${err?.message})`));
        let topName: string | null = null;
        let entries = 0;
        let bytes = 0;
        const fail = (e: Error) => { zip.close(); reject(e); };
        zip.on('error', (e) => reject(badInput(`${zipFile}: damaged zip (${(e as Error).message})`)));
        zip.on('end', () => (topName ? resolve(topName) : reject(badInput(`${zipFile}: empty zip`))));
        zip.on('entry', (entry: yauzl.Entry) => {
          const name = entry.fileName;
          const parts = name.split('/');
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          entries++;
          bytes += entry.uncompressedSize;
          if (entries > MAX_BAG_ENTRIES) return fail(badInput(`${zipFile}: more than ${MAX_BAG_ENTRIES} entries; not unpacked`));
          if (bytes > maxBytes) return fail(badInput(`${zipFile}: would unpack to more than ${maxBytes} bytes (zip bomb?); not unpacked`));
          if (name.includes('\\') || name.startsWith('/') || parts.includes('..') || /^[A-Za-z]:/.test(name)) return fail(badInput(`${zipFile}: unsafe entry name ${JSON.stringify(name)}`));
          if (mode === 0o120000) return fail(badInput(`${zipFile}: entry ${name} is a symbolic link`));
          topName ??= parts[0];
          if (parts[0] !== topName || parts.length < 2) return fail(badInput(`${zipFile}: a bag.zip holds one top-level folder; found ${JSON.stringify(name)} beside ${topName}/`));
          const dest = path.join(tmp, ...parts);
          if (name.endsWith('/')) {
            fs.mkdirSync(dest, { recursive: true });
            zip.readEntry();
            return;
          }
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return fail(badInput(`${zipFile}: cannot read ${name} (${e?.message})`));
            pipeline(stream, fs.createWriteStream(dest, { flags: 'wx' })).then(() => zip.readEntry(), (pe) => fail(badInput(`${zipFile}: cannot extract ${name} (${(pe as Error).message})`)));
          });
        });
        zip.readEntry();
      });
    });
    return { dir: path.join(tmp, top), top, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
