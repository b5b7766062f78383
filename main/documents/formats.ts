import type { DocumentFormat } from './types';

/**
 * The engine opens a file by the media type sniffed at intake (main/evidence/media-type.ts),
 * never by its name. Types it does not open return null (HTML, plain text, unknown binaries).
 */
export function formatForMediaType(mediaType: string): DocumentFormat | null {
  switch (mediaType) {
    case 'application/pdf':
      return 'pdf';
    case 'application/epub+zip':
      return 'epub';
    case 'application/x-mobipocket-ebook':
    case 'application/vnd.palm':
      return 'mobi';
    case 'application/vnd.amazon.kfx':
      return 'kfx';
    case 'application/vnd.comicbook+zip':
      return 'cbz';
    case 'application/zip':
      return 'image-set';
    case 'application/oxps':
    case 'application/vnd.ms-xpsdocument':
      return 'xps';
    case 'application/x-fictionbook+xml':
      return 'fb2';
  }
  if (/^image\/(png|jpeg|tiff|webp|gif|bmp)$/.test(mediaType)) return 'image';
  return null;
}
