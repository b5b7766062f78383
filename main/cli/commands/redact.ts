import path from 'node:path';
import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { exportRedacted, type ExportRedactedOptions } from '../../redact/export-redacted';
import { addManualRedaction } from '../../redact/redaction-store';
import type { HitStatusChoice } from '../../redact/regions';
import type { Box } from '../../../shared/model/geometry';
import type { CliContext } from '../cli-context';

interface RedactOpts {
  item?: string; pages?: string; status: string; format: string; dpi: string; crop?: string; page?: string;
  caption?: boolean; out?: string; lang: string; password?: string; box: string[];
}

/** `--box 3:72,100,200,120` (1-based page, page units) → a stored hand-drawn box. */
function parseBox(spec: string): { pageIndex: number; box: Box } {
  const m = /^(\d+):(.+)$/.exec(spec.trim());
  const v = m ? m[2].split(',').map((x) => Number(x.trim())) : [];
  if (!m || Number(m[1]) < 1 || v.length !== 4 || !v.every(Number.isFinite)) {
    throw badInput(`--box ${spec}: expected PAGE:x0,y0,x1,y1 (page 1-based, page units)`);
  }
  return { pageIndex: Number(m[1]) - 1, box: v as Box };
}

export function register(program: Command, ctx: CliContext): void {
  program.command('redact <dir>')
    .description('export redacted pages (PNG), a screenshot, or a redacted PDF; every output is re-read and refused (exit 1) if a redacted value is still legible')
    .option('--item <id>', 'evidence item id (default: every scanned item)')
    .option('--pages <list>', 'pages to export, 1-based: 1-5,9 (default: all)')
    .option('--status <which>', 'confirmed (reviewed hits) | all-hits (every hit not dismissed)', 'confirmed')
    .option('--format <fmt>', 'png | pdf (with --crop: a screenshot PNG)', 'pdf')
    .option('--dpi <dpi>', 'resolution of rendered pages', '150')
    .option('--crop <x0,y0,x1,y1>', 'screenshot: area of the page in page units (points, origin top-left)')
    .option('--page <n>', 'screenshot: the page, 1-based')
    .option('--caption', 'screenshot: add a caption line with the case number and date')
    .option('--out <dir>', 'output folder (default: <case>/exports/redacted-<time>)')
    .option('--lang <langs>', 'OCR languages for re-reading the outputs', 'jpn+eng')
    .option('--password <password>', 'password of a password-protected PDF original')
    .option('--box <page:x0,y0,x1,y1>', 'add a hand-drawn box to --item first (kept in the case; repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (dir: string, o: RedactOpts) => {
      const opts = toOptions(o);
      const boxes = o.box.map(parseBox);
      if (boxes.length && opts.itemId === undefined) throw badInput('--box needs --item');
      await withCase(dir, async (c) => {
        for (const b of boxes) addManualRedaction(c, { itemId: opts.itemId!, pageIndex: b.pageIndex, box: b.box });
        const r = await exportRedacted(c, opts, { onProgress: ctx.progress, signal: ctx.signal });
        const skipped = r.verification.checks.filter((x) => x.skipped).map((x) => `note: ${x.check} skipped: ${x.skipped}`);
        ctx.out(r, () => [
          ...r.exports.map((e) => `${e.kind.padEnd(10)} item ${e.itemId}  ${e.path}  sha256 ${e.sha256}`),
          ...skipped,
          `${r.exports.length} file(s) written to ${r.outDir}, ${r.regionCount} region(s) redacted; verified: no redacted value legible`,
        ].join('\n'));
      });
    });
}

function toOptions(o: RedactOpts): ExportRedactedOptions {
  if (!['confirmed', 'all-hits'].includes(o.status)) throw badInput(`--status ${o.status}: expected confirmed or all-hits`);
  if (!['png', 'pdf'].includes(o.format)) throw badInput(`--format ${o.format}: expected png or pdf`);
  const dpi = Number(o.dpi);
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 1200) throw badInput(`--dpi ${o.dpi}: expected a number between 36 and 1200`);
  let crop: Box | undefined;
  if (o.crop !== undefined) {
    const v = o.crop.split(',').map((s) => Number(s.trim()));
    if (v.length !== 4 || !v.every(Number.isFinite) || !(v[2] > v[0] && v[3] > v[1])) {
      throw badInput(`--crop ${o.crop}: expected x0,y0,x1,y1 in page units with x1 > x0 and y1 > y0`);
    }
    crop = v as Box;
    if (o.format !== 'png') throw badInput('--crop makes a screenshot PNG: use it with --format png');
    if (o.page === undefined) throw badInput('--crop needs --page N (1-based)');
  }
  const whole = (v: string | undefined, what: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw badInput(`${what} ${v}: expected a whole number`);
    return n;
  };
  return {
    format: crop ? 'screenshot' : (o.format as 'png' | 'pdf'),
    itemId: whole(o.item, '--item'),
    pages: o.pages,
    status: o.status as HitStatusChoice,
    dpi,
    crop,
    page: whole(o.page, '--page'),
    caption: o.caption,
    outDir: o.out ? path.resolve(o.out) : undefined,
    ocrLangs: o.lang,
    password: o.password,
  };
}
