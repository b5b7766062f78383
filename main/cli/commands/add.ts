import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { addEvidence } from '../../evidence/intake';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('add <dir> <files...>')
    .description('add originals to a case: hashed (SHA-256, SHA-1, MD5), copied read-only, verified, logged')
    .option('--source <text>', 'where the file was obtained (URL, store page, seized device…)')
    .option('--note <text>', 'free note')
    .option('--collector <name>', 'who collected the file')
    .action(async (dir: string, files: string[], o: { source?: string; note?: string; collector?: string }) => {
      await withCase(dir, async (c) => {
        const results = await addEvidence(c, files, { ...o, onProgress: ctx.progress, signal: ctx.signal });
        ctx.out(results, () => results.map((r) => {
          const flags = [r.added ? 'added' : 'already in case: acquisition recorded', r.protection ? `PROTECTED (${r.protection})` : '',
            r.extensionMismatch ? 'EXTENSION DOES NOT MATCH CONTENT' : ''].filter(Boolean).join(', ');
          return `#${r.id} ${r.originalName}  ${r.mediaLabel}  ${r.size} bytes\n  sha256 ${r.sha256}\n  sha1   ${r.sha1}\n  md5    ${r.md5}\n  ${flags}`;
        }).join('\n'));
      });
    });
}
