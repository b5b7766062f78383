import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { listEvidenceItems } from '../../case/evidence-items';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('items <dir>')
    .description('list the evidence items of a case')
    .action(async (dir: string) => {
      await withCase(dir, (c) => {
        const items = listEvidenceItems(c.db);
        ctx.out(items, () => items.length === 0 ? 'no evidence items' : items.map((i) =>
          `#${i.id}  ${i.name}  ${i.mediaLabel}${i.protection ? ` [${i.protection}]` : ''}  ${i.size} bytes  sha256 ${i.sha256}`).join('\n'));
      });
    });
}
