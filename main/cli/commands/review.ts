import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { setHitStatus } from '../../detect/store/hit-status';
import { HIT_STATUSES, type HitStatus } from '../../../shared/model/hit-status';
import type { CliContext } from '../cli-context';
import { parseId } from '../parse-args';

export function register(program: Command, ctx: CliContext): void {
  program.command('review <dir> <hitIds...>')
    .description('record the examiner\'s decision on hits (ids from `shoko hits --json`): confirmed, dismissed or pending')
    .requiredOption('--status <status>', HIT_STATUSES.join(' | '))
    .action(async (dir: string, hitIds: string[], o: { status: string }) => {
      const ids = hitIds.map((h) => parseId(h, 'hit id'));
      await withCase(dir, (c) => {
        const results = c.db.transaction(() => ids.map((id) => ({ id, ...setHitStatus(c, id, o.status as HitStatus) })))();
        ctx.out(results, () => results.map((r) => `hit ${r.id} (item ${r.itemId} p.${r.pageIndex + 1}): ${r.changed ? o.status : `already ${o.status}`}`).join('\n'));
      });
    });
}
