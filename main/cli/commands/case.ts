import type { Command } from 'commander';
import { initCase } from '../../case/case-folder';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  const kase = program.command('case').description('create cases');
  kase.command('init <dir>')
    .description('create a case folder: case.sqlite, evidence/, cache/, exports/')
    .requiredOption('--name <name>', 'case name')
    .option('--number <caseNumber>', 'case / reference number (External-Identifier in packages)')
    .option('--examiner <name>', 'examiner (recorded as the actor of custody events)')
    .option('--org <organization>', 'organization')
    .action((dir: string, o: { name: string; number?: string; examiner?: string; org?: string }) => {
      const c = initCase(dir, { name: o.name, caseNumber: o.number, examiner: o.examiner, organization: o.org });
      try {
        ctx.out({ dir: c.dir, ...c.info }, `created case "${c.info.name}" in ${c.dir}`);
      } finally {
        c.close();
      }
    });
}
