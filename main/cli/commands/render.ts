import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { refuseOutputInEvidence } from '../../case/output-paths';
import { badInput } from '../../common/errors';
import { renderPage } from '../../documents/render-page';
import type { CliContext } from '../cli-context';
import { parseDpi, parseId, parsePageNumber } from '../parse-args';

export function register(program: Command, ctx: CliContext): void {
  program.command('render <dir>')
    .description('render one page of a scanned item to PNG (or raw RGBA as .pam)')
    .requiredOption('--item <id>', 'evidence item id')
    .requiredOption('--page <n>', 'page number (1 = the first page)')
    .option('--dpi <dpi>', 'resolution', '150')
    .option('--password <password>', 'password of a password-protected PDF')
    .requiredOption('--out <file>', 'output file (.png, or .pam for raw RGBA)')
    .action(async (dir: string, o: { item: string; page: string; dpi: string; out: string; password?: string }) => {
      const dpi = parseDpi(o.dpi);
      const format = /\.pam$/i.test(o.out) ? 'rgba' : 'png';
      if (format === 'png' && !/\.png$/i.test(o.out)) throw badInput(`${o.out}: the output name must end in .png or .pam`);
      await withCase(dir, async (c) => {
        refuseOutputInEvidence(c, o.out, 'a render');
        const page = await renderPage(c, parseId(o.item), parsePageNumber(o.page), { dpi, format, password: o.password, signal: ctx.signal });
        const out = path.resolve(o.out);
        try {
          if (page.cachePath) fs.copyFileSync(page.cachePath, out);
          else fs.writeFileSync(out, page.data);
        } catch (err) {
          throw badInput(`${out}: cannot write (${(err as Error).message})`);
        }
        const result = { item: Number(o.item), page: Number(o.page), dpi, width: page.width, height: page.height, format: page.format, out };
        ctx.out(result, `${out}  ${page.width}×${page.height} px at ${dpi} dpi`);
      });
    });
}
