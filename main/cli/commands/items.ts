import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { listEvidenceItems } from '../../case/evidence-items';
import { getDocument, readStatusOf } from '../../documents/document-store';
import type { CliContext } from '../cli-context';
import { oneLineName } from '../terminal-text';

export function register(program: Command, ctx: CliContext): void {
  program.command('items <dir>')
    .description('list the evidence items of a case')
    .action(async (dir: string) => {
      await withCase(dir, (c) => {
        // Each item with how its reading went: ok, partial (text may be missing), protected, failed, or not scanned.
        const items = listEvidenceItems(c.db).map((i) => {
          const d = getDocument(c, i.id);
          return { ...i, readStatus: d ? readStatusOf(d) : 'not-scanned', partialReason: d?.partialReason ?? null };
        });
        ctx.out(items, () => items.length === 0 ? 'no evidence items' : items.map((i) =>
          `#${i.id}  ${oneLineName(i.name)}  ${i.mediaLabel}${i.protection ? ` [${i.protection}]` : ''}  ${i.readStatus}  ${i.size} bytes  sha256 ${i.sha256}` +
          (i.partialReason ? `\n    partial: ${oneLineName(i.partialReason)}` : '')).join('\n'));
      });
    });
}
