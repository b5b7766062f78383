import type yazl from 'yazl';

/** Ends a zip being built in memory and gives its bytes (the EPUBs handed to MuPDF are never written to disk). */
export function zipToBytes(zip: yazl.ZipFile): Promise<Uint8Array> {
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}
