import fs from 'node:fs';
import path from 'node:path';

/** A bag holds only plain files and folders; anything else is named by this error. */
export class NotAPlainFileError extends Error {
  constructor(readonly relPath: string, readonly what: 'symbolic link' | 'special file') {
    super(`${relPath} is a ${what}`);
    this.name = 'NotAPlainFileError';
  }
}

/**
 * Every file under `root` as a relative path with '/' separators, sorted by UTF-16 code units so the
 * same folder always lists (and zips) in the same order. Links are never followed: a symbolic link
 * could point outside the bag, so one (or a socket, FIFO, device) throws NotAPlainFileError.
 */
export function listBagFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    // withFileTypes reports the entry itself (lstat), so a link to a folder is seen as a link.
    for (const ent of fs.readdirSync(rel ? path.join(root, ...rel.split('/')) : root, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(r);
      else if (ent.isFile()) out.push(r);
      else throw new NotAPlainFileError(r, ent.isSymbolicLink() ? 'symbolic link' : 'special file');
    }
  };
  walk('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
