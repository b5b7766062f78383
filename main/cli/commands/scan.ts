import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { scanCase, type OcrMode } from '../../pipeline/scan';
import type { CliContext } from '../cli-context';
import { parseId } from '../parse-args';

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
      await withCase(dir, async (c) => {
        const report = await scanCase(c, {
          ocr: o.ocr as OcrMode, lang: o.lang, password: o.password, itemIds, force: o.force,
          onProgress: ctx.progress, signal: ctx.signal,
        });
        ctx.out(report, () => [
          ...report.items.map((i) => `#${i.itemId} ${i.name}  ${i.format}  ${i.status}${i.status === 'ok' ? `  ${i.pageCount} pages` : `: ${i.error}`}${i.skipped ? '  (already extracted)' : ''}`),
          `${report.items.length} items: ${report.ok} ok, ${report.protected} protected, ${report.failed} failed`,
        ].join('\n'));
      });
    });
}
