import type { DocumentFormat } from './types';

/**
 * The engine opens a file by the media type sniffed at intake (main/evidence/media-type.ts),
 * never by its name. Types it does not open return null (HTML, plain text, unknown binaries, and
 * XPS: MuPDF.js is built without its XPS reader — see `unopenedReason`).
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
    case 'application/x-fictionbook+xml':
      return 'fb2';
  }
  if (/^image\/(png|jpeg|tiff|webp|gif|bmp)$/.test(mediaType)) return 'image';
  return null;
}

/** Why a media type the intake recognises is still not opened, when there is more to say than "not a document". */
export function unopenedReason(mediaType: string): string | null {
  if (mediaType === 'application/oxps' || mediaType === 'application/vnd.ms-xpsdocument') {
    return 'XPS is not opened: the MuPDF.js build Shoko uses has no XPS reader. Print it to PDF with a trusted tool and add the PDF; the XPS original stays in the case, hashed';
  }
  return null;
}
