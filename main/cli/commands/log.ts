import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { listCustodyEvents } from '../../evidence/custody-log';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('log <dir>')
    .description('list the custody log of a case (every action, hash-chained)')
    .action(async (dir: string) => {
      await withCase(dir, (c) => {
        const events = listCustodyEvents(c.db);
        ctx.out(events, () => events.map((e) =>
          `${String(e.seq).padStart(4)}  ${e.at}  ${e.actor}  ${e.action}${e.itemId ? ` item ${e.itemId}` : ''}  ${e.hash.slice(0, 16)}…`).join('\n'));
      });
    });
}
