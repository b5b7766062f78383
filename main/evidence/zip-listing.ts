import yauzl from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  isDirectory: boolean;
}

/**
 * Lists a ZIP's central directory without extracting anything (yauzl validates names and bounds).
 * `maxEntries` stops a hostile archive with millions of entries from exhausting memory.
 */
export function listZipEntries(file: string, maxEntries = 100_000): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      const entries: ZipEntryInfo[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, isDirectory: e.fileName.endsWith('/') });
        if (entries.length > maxEntries) {
          zip.close();
          reject(new Error(`more than ${maxEntries} entries`));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
