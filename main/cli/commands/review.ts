import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { notFound } from '../../common/errors';
import { setHitStatus } from '../../detect/store/hit-status';
import { bulkSetStatus } from '../../services/hit-bulk';
import { HIT_STATUSES, type HitStatus } from '../../../shared/model/hit-status';
import type { CliContext } from '../cli-context';
import { parseId } from '../parse-args';

export function register(program: Command, ctx: CliContext): void {
  program.command('review <dir> <hitIds...>')
    .description('record the examiner\'s decision on hits (ids from `shoko hits --json`): confirmed, dismissed or pending')
    .requiredOption('--status <status>', HIT_STATUSES.join(' | '))
    .addHelpText('after', `
One hit id: one custody event naming the hit and its page. Several ids: one decision, logged as one
'hit.reviewed.bulk' event per evidence item with the count and the SHA-256 of the changed ids.`)
    .action(async (dir: string, hitIds: string[], o: { status: string }) => {
      const ids = [...new Set(hitIds.map((h) => parseId(h, 'hit id')))];
      const status = o.status as HitStatus;
      await withCase(dir, (c) => {
        if (ids.length === 1) {
          const r = { id: ids[0], ...setHitStatus(c, ids[0], status) };
          ctx.out([r], () => `hit ${r.id} (item ${r.itemId} p.${r.pageIndex + 1}): ${r.changed ? status : `already ${status}`}`);
          return;
        }
        const rows = c.db.prepare('SELECT id, item_id, page_index FROM hit WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as
          { id: number; item_id: number; page_index: number }[];
        const missing = ids.filter((id) => !rows.some((r) => r.id === id));
        if (missing.length) throw notFound(`no hit ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} in this case`);
        const byItem = new Map<number, number[]>();
        for (const r of rows) { const l = byItem.get(r.item_id); if (l) l.push(r.id); else byItem.set(r.item_id, [r.id]); }
        const changed = new Set<number>();
        c.db.transaction(() => {
          for (const [itemId, list] of byItem) for (const x of bulkSetStatus(c, status, { itemId, ids: list }).changed) changed.add(x.id);
        })();
        const results = rows.map((r) => ({ id: r.id, itemId: r.item_id, pageIndex: r.page_index, changed: changed.has(r.id) }));
        ctx.out(results, () => results.map((r) => `hit ${r.id} (item ${r.itemId} p.${r.pageIndex + 1}): ${r.changed ? status : `already ${status}`}`).join('\n'));
      });
    });
}
