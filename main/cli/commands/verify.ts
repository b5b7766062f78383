import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { verifyCase } from '../../evidence/verify-case';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('verify <path>')
    .description('re-check a case (every evidence hash, the custody chain); exit 1 names the first failure')
    .action(async (target: string) => {
      await withCase(target, (c) => {
        const v = verifyCase(c, { onProgress: ctx.progress, signal: ctx.signal });
        ctx.out(v, () => [...v.checks.map((x) => `${x.ok ? 'ok  ' : 'FAIL'} ${x.what}${x.detail ? `  (${x.detail})` : ''}`),
          v.ok ? 'verified: all checks passed' : `NOT VERIFIED: ${v.failure}`].join('\n'));
        if (!v.ok) ctx.setExitCode(1);
      });
    });
}
