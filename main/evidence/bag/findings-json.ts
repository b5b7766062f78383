import type { CaseFindings } from './case-findings';

export const FINDINGS_FORMAT = 'shoko-findings/1';

/**
 * data/findings.json: the machine-readable findings (schema: docs/findings.schema.json). Values found
 * on pages are masked here as in the report; the boxes say exactly where they are on the page, so a
 * recipient with the original can see them, and one without cannot.
 */
export function buildFindingsJson(f: CaseFindings, ctx: {
  generatedAt: string;
  tool: { name: string; version: string };
  originalNames: Map<number, string>;
  redacted: Array<{ bagPath: string; sha256: string; size: number; item: number | null; pages: number[]; format: string }>;
}): object {
  return {
    format: FINDINGS_FORMAT,
    generatedAt: ctx.generatedAt,
    tool: ctx.tool,
    case: {
      uuid: f.case.caseUuid, name: f.case.name, caseNumber: f.case.caseNumber, examiner: f.case.examiner,
      organization: f.case.organization, createdAt: f.case.createdAt,
    },
    items: f.items.map((it) => ({
      id: it.item.id,
      name: it.item.name,
      bagPath: ctx.originalNames.has(it.item.id) ? `data/originals/${ctx.originalNames.get(it.item.id)}` : null,
      size: it.item.size,
      sha256: it.item.sha256,
      sha1: it.item.sha1,
      md5: it.item.md5,
      mediaType: it.item.mediaType,
      mediaLabel: it.item.mediaLabel,
      protection: it.item.protection,
      extensionMismatch: it.item.extensionMismatch,
      acquisitions: it.item.acquisitions.map((a, n) => ({ ...a, acquiredAtLocal: it.acquiredLocal[n] })),
      document: it.document,
      pages: it.pages.map((p) => ({ page: p.index + 1, width: p.width, height: p.height, textSource: p.textSource, ocrConfidence: p.ocrConfidence })),
    })),
    leakSet: f.leakSet,
    records: f.records,
    pii: f.pii,
    redacted: ctx.redacted,
    summary: f.summary,
  };
}
