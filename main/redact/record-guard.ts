import type { CaseHandle } from '../case/case-folder';
import { ShokoError, badInput } from '../common/errors';
import { detectPage, type Matcher } from '../detect/match/detect-pages';
import { caseMatchers } from '../detect/store/detect-item';
import { listLeakSets } from '../detect/leaks/load-list';
import { FIELDS, type Field } from '../detect/normalize/fields';
import type { PageContent } from '../../shared/model/page';
import { NeedleIndex } from './needle-index';
import { foldPageText, MIN_SEARCH_LENGTH, type Needle } from './value-search';
import { ocrEditBudget } from '../detect/match/ocr-edit-budget';
import type { HitStatusChoice } from './regions';
import type { VerificationCheck } from './verify-export';

/** Fields also searched as plain text, whatever the context (see the constructor). */
const PLAIN_FIELDS: ReadonlySet<Field> = new Set(['name', 'name_kana', 'email', 'address']);

/** A field of a guarded leak record still legible on an exported page. Names the record key, never the value. */
export interface RecordLeak {
  setId: number;
  recordKey: string;
  field: string;
}

/**
 * The leak records an export must not show any field of, and detection's own matcher to look for them.
 * With `all-hits`, every record present in the case (or with a confirmed hit); with `confirmed`, every
 * record with a confirmed hit: once a record is known to be leaked, leaving its name legible beside a
 * blackened e-mail gives the person away, so any of its fields anywhere on an exported page refuses the
 * export. A field the reviewer dismissed on that page (not this person) is not held against it.
 */
export class RecordGuard {
  private readonly exact: NeedleIndex;
  private readonly tolerant: NeedleIndex;
  private readonly owners = new Map<Needle, RecordLeak[]>();

  private constructor(
    private readonly matchers: readonly Matcher[],
    private readonly guarded: ReadonlySet<string>,
    private readonly dismissed: ReadonlySet<string>,
    readonly records: number,
  ) {
    // The guarded records' names, readings, e-mails and addresses, searched as plain folded text too:
    // detection's context rules (a name glued to other text, a name shared by many records, a cell wrapped
    // over two lines) must not let one of them through. Numbers are left to the matcher: a postal code or
    // phone inside a longer run of digits is not that value.
    const needles: Needle[] = [];
    for (const m of matchers) {
      const ix = m.index;
      for (let id = 0; id < ix.patterns.size; id++) {
        for (let p = ix.postStart[id]; p < ix.postStart[id + 1]; p++) {
          const field = FIELDS[ix.postField[p]];
          if (!PLAIN_FIELDS.has(field)) continue;
          const recordKey = ix.recordKeys[ix.postRecord[p]];
          if (!guarded.has(`${ix.setId}:${recordKey}`)) continue;
          const folded = ix.patterns.key(id);
          if (folded.length < MIN_SEARCH_LENGTH) continue;
          const n: Needle = { kind: field, folded, pageIndex: -1 };
          needles.push(n);
          this.owners.set(n, [{ setId: ix.setId, recordKey, field }]);
        }
      }
    }
    this.exact = new NeedleIndex(needles, () => 0);
    this.tolerant = new NeedleIndex(needles, ocrEditBudget);
  }

  /**
   * Loads the guard for one item's export: null when no record needs guarding. The leaked list is re-read
   * (and its SHA-256 checked) by detection's loader; when it cannot be, the export cannot be proven and is
   * refused with the reason.
   */
  static async load(c: CaseHandle, itemId: number, status: HitStatusChoice, listPath?: string): Promise<RecordGuard | null> {
    const where = status === 'confirmed'
      ? "status = 'confirmed'"
      : "(present = 1 AND status <> 'dismissed') OR status = 'confirmed'";
    const rows = c.db.prepare(`SELECT DISTINCT set_id, record_key FROM hit WHERE kind = 'record' AND (${where})`).all() as { set_id: number; record_key: string }[];
    if (rows.length === 0 || listLeakSets(c).length === 0) return null;
    let matchers: Matcher[];
    try {
      matchers = await caseMatchers(c, listPath);
    } catch (err) {
      const message = `the redaction self-check looks for every field of the ${rows.length} leak record(s) found in this case and needs the leaked list for it: ${err instanceof Error ? err.message : String(err)}`;
      throw err instanceof ShokoError ? new ShokoError(err.kind, message, { cause: err, code: err.code }) : badInput(message, err);
    }
    const dismissed = c.db.prepare("SELECT DISTINCT page_index, set_id, record_key, field FROM hit WHERE item_id = ? AND kind = 'record' AND status = 'dismissed'")
      .all(itemId) as { page_index: number; set_id: number; record_key: string; field: string }[];
    return new RecordGuard(
      matchers,
      new Set(rows.map((r) => `${r.set_id}:${r.record_key}`)),
      new Set(dismissed.map((d) => `${d.page_index}:${d.set_id}:${d.record_key}:${d.field}`)),
      rows.length,
    );
  }

  /**
   * Fields of guarded records that detection finds in a page's legible text (`page.index` is the original
   * page). OCR text is matched OCR-tolerantly, as detection matches OCR pages.
   */
  find(page: PageContent): RecordLeak[] {
    const out: RecordLeak[] = [];
    const seen = new Set<string>();
    const ocr = page.lines.some((l) => l.source === 'ocr');
    const folded = foldPageText(page.lines.map((l) => l.text).join('\n'), ocr);
    for (const n of (ocr ? this.tolerant : this.exact).find(folded)) {
      for (const leak of this.owners.get(n) ?? []) {
        const tag = `${leak.setId}:${leak.recordKey}:${leak.field}`;
        if (seen.has(tag) || this.dismissed.has(`${page.index}:${tag}`)) continue;
        seen.add(tag);
        out.push(leak);
      }
    }
    for (const m of this.matchers) {
      const setId = m.index.setId;
      for (const r of detectPage(page, m).records) {
        if (!this.guarded.has(`${setId}:${r.recordKey}`)) continue;
        for (const o of r.occurrences) {
          const tag = `${setId}:${r.recordKey}:${o.field}`;
          if (seen.has(tag) || this.dismissed.has(`${page.index}:${tag}`)) continue;
          seen.add(tag);
          out.push({ setId, recordKey: r.recordKey, field: o.field });
        }
      }
    }
    return out;
  }
}

/** Adds a failed check for each field of a guarded record found in a page's text (`page.index` is the original page). */
export function guardCheck(checks: VerificationCheck[], guard: RecordGuard | null | undefined, page: PageContent, where: string): void {
  if (!guard) return;
  for (const leak of guard.find(page)) {
    checks.push({ check: `leak record ${leak.recordKey} still legible (${where})`, ok: false, page: page.index + 1, kind: leak.field });
  }
}
