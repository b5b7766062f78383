import type { EvidenceRow } from '../../shared/ipc/types';
import type { EvidenceItem } from '../case/evidence-items';
import { formatLocal } from '../common/clock';
import { MEDIA } from '../evidence/media-type';

/** Media types the document engine opens (DESIGN: PDF, EPUB, MOBI/AZW3, CBZ, FB2, XPS, images). */
const OPENABLE = new Set<string>([MEDIA.pdf, MEDIA.epub, MEDIA.mobi, MEDIA.palmdoc, MEDIA.cbz, MEDIA.xps, MEDIA.fb2,
  MEDIA.png, MEDIA.jpeg, MEDIA.tiff, MEDIA.webp, MEDIA.gif, MEDIA.bmp, MEDIA.zip]);

export function toEvidenceRow(i: EvidenceItem): EvidenceRow {
  return {
    id: i.id, name: i.name, mediaType: i.mediaType, mediaLabel: i.mediaLabel, size: i.size,
    sha256: i.sha256, sha1: i.sha1, md5: i.md5, protection: i.protection, extensionMismatch: i.extensionMismatch,
    supported: OPENABLE.has(i.mediaType) && !i.protection,
    addedAt: i.addedAt,
    acquisitions: i.acquisitions.map((a) => ({
      originalName: a.originalName, originalPath: a.originalPath, acquiredAt: a.acquiredAt,
      acquiredLocal: formatLocal(a.acquiredAt, a.tzOffsetMin), source: a.source, collector: a.collector, note: a.note,
    })),
  };
}
