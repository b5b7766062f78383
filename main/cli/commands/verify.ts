import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { isBagPath, verifyPackage } from '../../evidence/bag/verify-package';
import { verifyCase } from '../../evidence/verify-case';
import type { CheckLine } from '../../evidence/verify-case';
import type { CliContext } from '../cli-context';

const lines = (checks: CheckLine[], ok: boolean, failure?: string) =>
  [...checks.map((x) => `${x.ok ? 'ok  ' : 'FAIL'} ${x.what}${x.detail ? `  (${x.detail})` : ''}`),
    ok ? 'verified: all checks passed' : `NOT VERIFIED: ${failure}`].join('\n');

export function register(program: Command, ctx: CliContext): void {
  program.command('verify <path>')
    .description('re-check a case (evidence hashes, custody chain) or an evidence package (bag folder or bag.zip: every hash, Payload-Oxum, signature, custody chain, timestamp); exit 1 names the first failure')
    .action(async (target: string) => {
      if (isBagPath(target)) {
        const v = await verifyPackage(target, { onProgress: ctx.progress, signal: ctx.signal });
        ctx.out(v, () => lines(v.checks, v.ok, v.failure));
        if (!v.ok) ctx.setExitCode(1);
        return;
      }
      await withCase(target, (c) => {
        const v = verifyCase(c, { onProgress: ctx.progress, signal: ctx.signal });
        ctx.out(v, () => lines(v.checks, v.ok, v.failure));
        if (!v.ok) ctx.setExitCode(1);
      });
    });
}
