import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { formatHitsReport, hitsReport } from '../../detect/store/hits-report';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('hits <dir>')
    .description('leaked records and personal data found on the case\'s pages (after \'shoko scan\')')
    .option('--min-pii-score <n>', 'leave out generic findings scored below this (0..1)', '0')
    .addHelpText('after', `
Records: a record is "present" on a page when its email or phone matches, or two different fields
(name, address, birth date, postal code, company…) occur close together; a name alone is a weak hit.
Each hit keeps the page text it matched and its boxes; the list itself is not in the case.
Exit code 1 when at least one listed record is present.`)
    .action(async (dir: string, o: { minPiiScore: string }) => {
      await withCase(dir, (c) => {
        const r = hitsReport(c, { minPiiScore: Number(o.minPiiScore) || 0 });
        ctx.out(r, () => formatHitsReport(r));
        if (r.summary.recordsPresent > 0) ctx.setExitCode(1);
      });
    });
}
