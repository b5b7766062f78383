// The AZW3 (KF8) form of the text book. Shoko has a KF8 reader but no writer, and a KF8 file needs
// skeleton/fragment indices, FDST and resource records to be real; calibre's `ebook-convert`
// (Debian package calibre, installed for this bench only) writes one from the EPUB.
import { spawnSync } from 'node:child_process';
import { haveTool } from './natives';

/** Converts `epub` to `azw3` with calibre; null (and why) when calibre is not installed or fails. */
export function epubToAzw3(epub: string, azw3: string): { ok: true } | { ok: false; why: string } {
  if (!haveTool('ebook-convert')) return { ok: false, why: 'calibre (ebook-convert) is not installed: apt-get install calibre' };
  const r = spawnSync('ebook-convert', [epub, azw3, '--no-inline-toc'], { encoding: 'utf8', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
  if (r.status !== 0) return { ok: false, why: `ebook-convert failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` };
  return { ok: true };
}
