import type { CaseHandle } from '../case/case-folder';
import type { ReadNote } from '../documents/types';

/** The read note OCR leaves on an item some of whose pages it could not read (rendering or recognition failed). */
export const OCR_PAGES_NOT_READ = 'ocr-pages-not-read';

/**
 * Records (or, after a run that read every page, clears) the OCR step's read note on the item: an image
 * page that was not OCR'd has not been read at all, so the item is `partial` and scan/triage exit 1,
 * never a silent `ok`. The note's part of `partial_reason` is replaced; what extraction put there stays.
 */
export function setOcrReadNote(c: CaseHandle, itemId: number, failed: readonly { index: number; error: string }[]): void {
  const row = c.db.prepare('SELECT read_notes_json, partial_reason, status FROM document WHERE item_id = ?')
    .get(itemId) as { read_notes_json: string; partial_reason: string | null; status: string } | undefined;
  if (!row || row.status !== 'ok') return;
  const notes = (JSON.parse(row.read_notes_json) as ReadNote[]).filter((n) => n.code !== OCR_PAGES_NOT_READ);
  const reasons = (row.partial_reason ?? '').split('; ').filter((r) => r && !r.startsWith(`${OCR_PAGES_NOT_READ}: `));
  if (failed.length) {
    const pages = failed.map((f) => f.index + 1);
    // Page numbers from 1, as shown to people; the first reason in full (no "; " inside: it separates reasons).
    const detail = `${failed.length} page(s) not OCR'd (page ${pages.slice(0, 10).join(', ')}${pages.length > 10 ? ', …' : ''}): ${failed[0].error}`.replaceAll('; ', ', ');
    const note: ReadNote = { code: OCR_PAGES_NOT_READ, detail, partial: true };
    notes.push(note);
    reasons.push(`${note.code}: ${note.detail}`);
  }
  c.db.prepare('UPDATE document SET read_notes_json = ?, partial_reason = ? WHERE item_id = ?')
    .run(JSON.stringify(notes), reasons.length ? reasons.join('; ') : null, itemId);
}
