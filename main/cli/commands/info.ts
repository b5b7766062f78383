import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { getEvidenceItem, listEvidenceItems } from '../../case/evidence-items';
import { getDocument, readStatusOf, type DocumentRecord } from '../../documents/document-store';
import { metadataFields } from '../../documents/metadata-fields';
import { coveragePercent } from '../../documents/coverage';
import type { EvidenceItem } from '../../case/evidence-items';
import type { CliContext } from '../cli-context';
import { parseId } from '../parse-args';
import { oneLineName } from '../terminal-text';

export function register(program: Command, ctx: CliContext): void {
  program.command('info <dir>')
    .description('what a scanned item says about itself: format, status, title, authors, identifiers, tools, EXTH, PDF Info/XMP, package inventory, attachments')
    .option('--item <id>', 'evidence item id (default: every item)')
    .action(async (dir: string, o: { item?: string }) => {
      await withCase(dir, (c) => {
        const items = o.item !== undefined ? [getEvidenceItem(c.db, parseId(o.item))] : listEvidenceItems(c.db);
        const out = items.map((item) => ({ item: summary(item), document: getDocument(c, item.id) }));
        ctx.out(o.item !== undefined ? out[0] : out, () => out.map(({ item, document }) => describe(item, document)).join('\n\n'));
      });
    });
}

function summary(i: EvidenceItem) {
  return { id: i.id, name: i.name, sha256: i.sha256, size: i.size, mediaType: i.mediaType, mediaLabel: i.mediaLabel, protection: i.protection };
}

function describe(item: ReturnType<typeof summary>, d: DocumentRecord | null): string {
  const lines = [`#${item.id} ${oneLineName(item.name)}  ${item.mediaLabel}  sha256 ${item.sha256}`];
  if (!d) return [...lines, '  not scanned yet'].join('\n');
  lines.push(`  ${d.format}: ${readStatusOf(d)}${d.error ? ` — ${d.error}` : ''}; ${d.pageCount} pages${d.layout ? ` (layout ${d.layout.width}×${d.layout.height} pt, em ${d.layout.em})` : ''}`);
  lines.push(...readLines(d));
  const m = d.metadata;
  if (!m) return lines.join('\n');
  for (const f of metadataFields(m, { xmpNote: ' (see --json)', kindleChars: 400 })) lines.push(`  ${f.key}: ${f.value}`);
  if (m.attachments?.length) {
    lines.push(`  attachments (${m.attachments.length}):`);
    for (const a of m.attachments) lines.push(`    ${oneLineName(a.name)}  ${a.size} bytes  ${a.mimeType ?? ''}  sha256 ${a.sha256}`);
  }
  if (m.inventory?.length) {
    lines.push(`  package inventory (${m.inventory.length} entries):`);
    for (const e of m.inventory) lines.push(`    ${oneLineName(e.name)}  ${e.size} bytes  ${e.date ?? ''}  sha256 ${e.sha256}`);
  }
  if (m.warnings?.length) lines.push(`  warnings: ${m.warnings.join('; ')}`);
  return lines.join('\n');
}

/** Whether the item was read whole: coverage, the reason it is partial, the places missing, reader notes. */
function readLines(d: DocumentRecord): string[] {
  const out: string[] = [];
  const c = d.coverageDetail;
  if (c) out.push(`  coverage: ${coveragePercent(c.coverage, 2)} % (${c.sourceChars - c.missingChars} of ${c.sourceChars} source characters on the pages)`);
  else if (d.status === 'ok' && d.layout !== null) out.push(`  coverage: not measured${d.coverageChecked ? '' : ' (extracted before coverage was measured; run scan again)'}`);
  // Document names, excerpts and notes come from the book: one line each, control characters escaped.
  if (d.partialReason) out.push(`  partial: ${oneLineName(d.partialReason)}`);
  if (c?.missing.length) {
    out.push(`  missing (${c.missingRuns} place${c.missingRuns === 1 ? '' : 's'}${c.missingRuns > 10 ? ', first 10' : ''}):`);
    for (const m of c.missing.slice(0, 10)) out.push(`    ${oneLineName(m.document)} @${m.offset}: ${m.missing} of ${m.length} chars 「${oneLineName(m.excerpt)}」`);
  }
  for (const n of d.readNotes) out.push(`  note ${n.code}${n.partial ? ' (text may be missing)' : ''}: ${oneLineName(n.detail)}`);
  return out;
}
