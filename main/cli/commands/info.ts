import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { getEvidenceItem, listEvidenceItems } from '../../case/evidence-items';
import { getDocument, type DocumentRecord } from '../../documents/document-store';
import { metadataFields } from '../../documents/metadata-fields';
import type { EvidenceItem } from '../../case/evidence-items';
import type { CliContext } from '../cli-context';
import { parseId } from '../parse-args';

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
  const lines = [`#${item.id} ${item.name}  ${item.mediaLabel}  sha256 ${item.sha256}`];
  if (!d) return [...lines, '  not scanned yet'].join('\n');
  lines.push(`  ${d.format}: ${d.status}${d.error ? ` — ${d.error}` : ''}; ${d.pageCount} pages${d.layout ? ` (layout ${d.layout.width}×${d.layout.height} pt, em ${d.layout.em})` : ''}`);
  const m = d.metadata;
  if (!m) return lines.join('\n');
  for (const f of metadataFields(m, { xmpNote: ' (see --json)', kindleChars: 400 })) lines.push(`  ${f.key}: ${f.value}`);
  if (m.attachments?.length) {
    lines.push(`  attachments (${m.attachments.length}):`);
    for (const a of m.attachments) lines.push(`    ${a.name}  ${a.size} bytes  ${a.mimeType ?? ''}  sha256 ${a.sha256}`);
  }
  if (m.inventory?.length) {
    lines.push(`  package inventory (${m.inventory.length} entries):`);
    for (const e of m.inventory) lines.push(`    ${e.name}  ${e.size} bytes  ${e.date ?? ''}  sha256 ${e.sha256}`);
  }
  if (m.warnings?.length) lines.push(`  warnings: ${m.warnings.join('; ')}`);
  return lines.join('\n');
}
