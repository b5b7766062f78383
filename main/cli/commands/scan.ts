import type { Command } from 'commander';
import { withCaseLocked } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { notReadWholeLine, scanCase, type OcrMode } from '../../pipeline/scan';
import { unlocatedFields, unlocatedFieldsLine } from '../../detect/store/unlocated-fields';
import { coveragePercent } from '../../documents/coverage';
import type { CliContext } from '../cli-context';
import { parseId } from '../parse-args';
import { oneLineName } from '../terminal-text';

export function register(program: Command, ctx: CliContext): void {
  program.command('scan <dir>')
    .description('extract every page of every evidence item (text with boxes, images, metadata), then OCR and detect')
    .option('--ocr <mode>', 'auto (pages that need it) | always | never', 'auto')
    .option('--lang <langs>', 'OCR languages', 'jpn+eng')
    .option('--password <password>', 'password for password-protected PDFs (never used against DRM)')
    .option('--item <id>', 'scan only this item')
    .option('--force', 'extract again even when the item is already in the store')
    .action(async (dir: string, o: { ocr: string; lang: string; password?: string; item?: string; force?: boolean }) => {
      if (!['auto', 'always', 'never'].includes(o.ocr)) throw badInput(`--ocr ${o.ocr}: expected auto, always or never`);
      const itemIds = o.item !== undefined ? [parseId(o.item)] : undefined;
      await withCaseLocked(dir, 'scan', async (c) => {
        const report = await scanCase(c, {
          ocr: o.ocr as OcrMode, lang: o.lang, password: o.password, itemIds, force: o.force,
          onProgress: ctx.progress, signal: ctx.signal,
        });
        const notWhole = notReadWholeLine(report);
        const unlocated = unlocatedFields(c.db);
        const notSure = unlocatedFieldsLine(unlocated);
        ctx.out({ ...report, notReadWhole: notWhole, unlocatedFields: unlocated }, () => [
          ...report.items.map((i) => `#${i.itemId} ${oneLineName(i.name)}  ${i.format}  ${i.readStatus}${i.status === 'ok' ? `  ${i.pageCount} pages` : `: ${i.error}`}` +
            `${i.coverage !== null && i.coverage < 1 ? `  coverage ${coveragePercent(i.coverage)} %` : ''}${i.skipped ? '  (already extracted)' : ''}` +
            `${i.partialReason ? `\n    partial: ${oneLineName(i.partialReason)}` : ''}` +
            // What the reader found or worked around (clashing ZIP names, a polyglot file, …), as `info` says it.
            (i.readNotes ?? []).map((n) => `\n    note ${n.code}: ${oneLineName(n.detail)}`).join('')),
          `${report.items.length} items: ${report.ok} ok, ${report.partial} partial, ${report.protected} protected, ${report.failed} failed`,
          ...(notWhole ? [notWhole] : []),
          ...(notSure ? [notSure] : []),
        ].join('\n'));
        if (notSure && ctx.json()) ctx.note(notSure);
        // Exit 1 unless every item was read whole: a clean result is only an answer for what was read.
        if (notWhole) {
          if (ctx.json()) ctx.note(notWhole);
          ctx.setExitCode(1);
        }
      });
    });
}
