import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { getPageContent, listPages, requireDocument } from '../../documents/document-store';
import { pageText } from '../../../shared/model/page';
import type { CliContext } from '../cli-context';
import { parseId, parsePageNumber } from '../parse-args';

export function register(program: Command, ctx: CliContext): void {
  program.command('pages <dir>')
    .description('print the pages of a scanned item: size, text source, text and lines with boxes (page numbers count from 1; `index` in --json is the 0-based page index)')
    .requiredOption('--item <id>', 'evidence item id')
    .option('--from <n>', 'first page number (1 = the first page)')
    .option('--to <n>', 'last page number (inclusive)')
    .action(async (dir: string, o: { item: string; from?: string; to?: string }) => {
      const itemId = parseId(o.item);
      const from = o.from !== undefined ? parsePageNumber(o.from, '--from') : undefined;
      const to = o.to !== undefined ? parsePageNumber(o.to, '--to') : undefined;
      await withCase(dir, (c) => {
        const doc = requireDocument(c, itemId);
        const pages = listPages(c, itemId, { from, to }).map((s) => {
          const p = getPageContent(c, itemId, s.index);
          return {
            index: s.index,
            page: s.index + 1,
            width: s.width,
            height: s.height,
            textSource: s.textSource,
            text: pageText(p),
            lines: p.lines.map((l) => ({ text: l.text, box: l.box, wmode: l.wmode })),
            needsOcr: s.needsOcr,
          };
        });
        const out = { item: itemId, pageCount: doc.pageCount, layout: doc.layout, status: doc.status, error: doc.error, pages };
        ctx.out(out, () => [
          `item ${itemId}: ${doc.format}, ${doc.status}${doc.error ? ` (${doc.error})` : ''}, ${doc.pageCount} pages${doc.layout ? `, layout ${doc.layout.width}×${doc.layout.height} pt em ${doc.layout.em}` : ''}`,
          ...pages.map((p) => `── page ${p.page}  ${p.width}×${p.height}  ${p.textSource}${p.needsOcr ? '  needs OCR' : ''}\n${p.text}`),
        ].join('\n'));
      });
    });
}
