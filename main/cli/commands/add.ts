import type { Command } from 'commander';
import { withCaseLocked } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { addEvidence, type IntakeResult } from '../../evidence/intake';
import { addScreenshotFolder, type ScreenshotOrder, type ScreenshotSetResult } from '../../evidence/screenshot-set';
import type { CliContext } from '../cli-context';
import { rawCommandLinePaths } from './add-raw-paths';
import { oneLineName } from '../terminal-text';

export function register(program: Command, ctx: CliContext): void {
  program.command('add <dir> [files...]')
    .description('add originals to a case: hashed (SHA-256, SHA-1, MD5), copied read-only, verified, logged')
    .option('--screenshots <folder>', 'add a folder of screenshots (one per page) as one document')
    .option('--order <order>', 'page order of a screenshot folder: name (natural sort) | time (capture time)', 'name')
    .option('--source <text>', 'where the file was obtained (URL, store page, seized device…)')
    .option('--note <text>', 'free note')
    .option('--collector <name>', 'who collected the file')
    .action(async (dir: string, files: string[], o: { screenshots?: string; order: string; source?: string; note?: string; collector?: string }) => {
      if (files.length === 0 && !o.screenshots) throw badInput('nothing to add: name files, or a folder with --screenshots');
      if (o.order !== 'name' && o.order !== 'time') throw badInput(`--order ${o.order}: expected name or time`);
      const opts = { source: o.source, note: o.note, collector: o.collector, onProgress: ctx.progress, signal: ctx.signal };
      await withCaseLocked(dir, 'add', async (c) => {
        // Names that are not UTF-8 (Shift_JIS) come back as their bytes from the raw command line.
        const [folder, ...paths] = rawCommandLinePaths([o.screenshots ?? '', ...files]);
        const results: (IntakeResult | ScreenshotSetResult)[] = paths.length ? await addEvidence(c, paths, opts) : [];
        if (o.screenshots) results.push(await addScreenshotFolder(c, folder, { ...opts, order: o.order as ScreenshotOrder }));
        ctx.out(results, () => results.map(describe).join('\n'));
      });
    });
}

function describe(r: IntakeResult | ScreenshotSetResult): string {
  const flags = [r.added ? 'added' : 'already in case: acquisition recorded', r.protection ? `PROTECTED (${r.protection})` : '',
    r.extensionMismatch ? 'EXTENSION DOES NOT MATCH CONTENT' : ''].filter(Boolean).join(', ');
  const lines = [`#${r.id} ${oneLineName(r.originalName)}  ${r.mediaLabel}  ${r.size} bytes`,
    ...(r.originalNameBytes ? [`  name bytes (not UTF-8; shown ${r.originalNameBytes.decodedFrom === 'cp932' ? 'decoded as Shift_JIS' : 'escaped'}): ${r.originalNameBytes.hex}`] : []), `  sha256 ${r.sha256}`, `  sha1   ${r.sha1}`, `  md5    ${r.md5}`, `  ${flags}`];
  if ('members' in r) {
    lines.push(`  ${r.members.length} screenshots (each hashed; list in the custody log):`);
    for (const m of r.members) lines.push(`    ${oneLineName(m.entry)}  sha256 ${m.sha256}${m.nameBytes ? `  (name bytes ${m.nameBytes.hex})` : ''}`);
    for (const s of r.skipped) lines.push(`    skipped ${oneLineName(s.name)}: ${s.reason}`);
  }
  return lines.join('\n');
}
