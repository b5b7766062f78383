import type { CaseDb } from '../../case/case-db';
import { hitsReport, type PiiOut, type RecordOccurrenceOut } from '../../detect/store/hits-report';
import { maskValue } from '../../report/mask';
import type { CaseFindings, Occurrence, PiiFinding, RecordFinding } from './case-findings';

/**
 * Leak-record and personal-data hits as the package reports them: the grouping, scores and order of
 * `shoko hits` (detect/store/hits-report), with values masked (the package must not republish them).
 * Dismissed hits are left out: the reviewer judged them not to be findings; a record all of whose
 * hits were dismissed is left out with them. A case in which detection never ran has empty hit
 * tables: nothing found, nothing reported.
 */
export function readHitsFromStore(db: CaseDb): Pick<CaseFindings, 'records' | 'pii' | 'leakSet'> & { recordsInList: number } {
  const report = hitsReport({ db });
  const occurrence = (o: RecordOccurrenceOut | PiiOut, field: string): Occurrence => ({
    item: o.item, page: o.page, field, valueMasked: maskValue(field, o.text), boxes: o.boxes, source: o.source, score: o.score, status: o.status,
  });
  const records: RecordFinding[] = [];
  for (const rec of report.records) {
    const occurrences = rec.occurrences.filter((o) => o.status !== 'dismissed').map((o) => occurrence(o, o.field));
    if (occurrences.length) records.push({ key: rec.key, score: rec.score, present: rec.present, occurrences });
  }
  const pii: PiiFinding[] = report.pii.filter((p) => p.status !== 'dismissed').map((p) => ({ ...occurrence(p, p.type), type: p.type }));
  const set = report.leakSet;
  return {
    records,
    pii,
    leakSet: set ? { sha256: set.sha256, records: set.records, fileName: set.file } : null,
    recordsInList: report.summary.recordsInList,
  };
}
