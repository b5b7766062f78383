import type { Command } from 'commander';
import { runDemo } from '../../pipeline/demo';
import { formatTriageSummary } from '../../pipeline/triage';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('demo')
    .description('triage of the bundled sample book and leak list (fake people): the whole flow in one command')
    .option('--out <dir>', 'new or empty folder for the demo case and package (default: a new temporary folder)')
    .action(async (o: { out?: string }) => {
      const s = await runDemo({ out: o.out, onProgress: ctx.progress, onStep: ctx.note, signal: ctx.signal });
      ctx.out(s, () => formatTriageSummary(s));
      if (!s.verified) ctx.setExitCode(1);
    });
}
