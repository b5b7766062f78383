import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { readAnchor } from '../../evidence/custody-anchor';
import { listCustodyEvents } from '../../evidence/custody-log';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('log <dir>')
    .description('list the custody log of a case (every action, hash-chained)')
    .action(async (dir: string) => {
      await withCase(dir, (c) => {
        const events = listCustodyEvents(c.db);
        // The signed anchor beside the store (custody-head.json); `shoko verify` checks it against the log.
        const a = readAnchor(c.dir);
        const anchor = a.kind === 'ok' ? `anchor: ${a.anchor.events} events, head ${a.anchor.head.slice(0, 16)}…, signed by ${a.anchor.keyFingerprint}`
          : a.kind === 'missing' ? 'anchor: none (custody-head.json missing)' : `anchor: invalid (${a.reason})`;
        ctx.out(events, () => [...events.map((e) =>
          `${String(e.seq).padStart(4)}  ${e.at}  ${e.actor}  ${e.action}${e.itemId ? ` item ${e.itemId}` : ''}  ${e.hash.slice(0, 16)}…`), anchor].join('\n'));
      });
    });
}
