import type { EvidenceRow } from '../../shared/ipc/types';
import type { EvidenceItem } from '../case/evidence-items';
import { formatLocal } from '../common/clock';
import { formatForMediaType } from '../documents/formats';
import { readStatusOf, type DocumentRecord } from '../documents/document-store';

export function toEvidenceRow(i: EvidenceItem, doc?: DocumentRecord | null): EvidenceRow {
  return {
    id: i.id, name: i.name, mediaType: i.mediaType, mediaLabel: i.mediaLabel, size: i.size,
    sha256: i.sha256, sha1: i.sha1, md5: i.md5, protection: i.protection, extensionMismatch: i.extensionMismatch,
    // The document engine's own choice of opener: a type it has none for is not supported.
    supported: formatForMediaType(i.mediaType) !== null && !i.protection,
    readStatus: doc ? readStatusOf(doc) : 'not-scanned',
    partialReason: doc?.partialReason ?? null,
    readNotes: doc?.readNotes ?? [],
    addedAt: i.addedAt,
    acquisitions: i.acquisitions.map((a) => ({
      originalName: a.originalName, originalPath: a.originalPath, acquiredAt: a.acquiredAt,
      acquiredLocal: formatLocal(a.acquiredAt, a.tzOffsetMin), source: a.source, collector: a.collector, note: a.note,
    })),
  };
}
