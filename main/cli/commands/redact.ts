import path from 'node:path';
import type { Command } from 'commander';
import { withCaseLocked } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { exportRedacted, type ExportRedactedOptions } from '../../redact/export-redacted';
import { addManualRedaction } from '../../redact/redaction-store';
import type { HitStatusChoice } from '../../redact/regions';
import { BOX_LABELS, type BoxLabel } from '../../redact/types';
import type { Box } from '../../../shared/model/geometry';
import type { CliContext } from '../cli-context';
import { parseBox, parseDpi, parseId, parsePageNumber } from '../parse-args';
import { refuseOutputInEvidence } from '../../case/output-paths';

interface RedactOpts {
  item?: string; pages?: string; status: string; format: string; dpi?: string; crop?: string; page?: string;
  caption?: boolean; out?: string; lang: string; password?: string; box: string[]; label: string; leaks?: string;
}

/** `--box 3:72,100,200,120` (1-based page, page units) → a stored hand-drawn box. */
function parsePageBox(spec: string): { pageIndex: number; box: Box } {
  const m = /^([^:]+):(.+)$/.exec(spec.trim());
  if (!m) throw badInput(`--box ${spec}: expected PAGE:x0,y0,x1,y1 (page 1-based, page units)`);
  return { pageIndex: parsePageNumber(m[1], '--box page'), box: parseBox(m[2], '--box') };
}

export function register(program: Command, ctx: CliContext): void {
  program.command('redact <dir>')
    .description('export redacted pages (PNG), a screenshot, or a redacted PDF; every output is re-read and refused (exit 1) if a redacted value, or any field of a leak record found in the case, is still legible')
    .option('--item <id>', 'evidence item id (default: every scanned item)')
    .option('--pages <list>', 'pages to export, 1-based: 1-5,9 (default: all)')
    .option('--status <which>', 'confirmed (reviewed hits) | all-hits (every hit not dismissed)', 'confirmed')
    .option('--format <fmt>', 'png | pdf (with --crop: a screenshot PNG)', 'pdf')
    .option('--dpi <dpi>', 'resolution of rendered pages (default 150; picture pages — images, screenshots, CBZ — at their own pixels)')
    .option('--crop <x0,y0,x1,y1>', 'screenshot: area of the page in page units (points, origin top-left)')
    .option('--page <n>', 'screenshot: the page, 1-based')
    .option('--caption', 'screenshot: add a caption line with the case number and date')
    .option('--label <which>', 'word on each black box: none | ja (黒塗り) | en (REDACTED)', 'none')
    .option('--out <dir>', 'output folder (default: <case>/exports/redacted-<time>)')
    .option('--lang <langs>', 'OCR languages for re-reading the outputs', 'jpn+eng')
    .option('--password <password>', 'password of a password-protected PDF original')
    .option('--leaks <file>', 'where the imported leak list is now, if it moved (the self-check re-reads it to look for every field of the records found)')
    .option('--box <page:x0,y0,x1,y1>', 'add a hand-drawn box to --item first (kept in the case; repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (dir: string, o: RedactOpts) => {
      const opts = toOptions(o);
      const boxes = o.box.map(parsePageBox);
      if (boxes.length && opts.itemId === undefined) throw badInput('--box needs --item');
      await withCaseLocked(dir, 'redact', async (c) => {
        if (o.out) refuseOutputInEvidence(c, o.out, 'a redacted export');
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
  if (!(BOX_LABELS as readonly string[]).includes(o.label)) throw badInput(`--label ${o.label}: expected ${BOX_LABELS.join(', ')}`);
  const dpi = o.dpi === undefined ? undefined : parseDpi(o.dpi);
  let crop: Box | undefined;
  if (o.crop !== undefined) {
    crop = parseBox(o.crop, '--crop');
    if (o.format !== 'png') throw badInput('--crop makes a screenshot PNG: use it with --format png');
    if (o.page === undefined) throw badInput('--crop needs --page N (1-based)');
  }
  return {
    format: crop ? 'screenshot' : (o.format as 'png' | 'pdf'),
    itemId: o.item === undefined ? undefined : parseId(o.item),
    pages: o.pages,
    status: o.status as HitStatusChoice,
    dpi,
    crop,
    page: o.page === undefined ? undefined : parsePageNumber(o.page) + 1,
    caption: o.caption,
    outDir: o.out ? path.resolve(o.out) : undefined,
    ocrLangs: o.lang,
    password: o.password,
    label: o.label as BoxLabel,
    listPath: o.leaks ? path.resolve(o.leaks) : undefined,
  };
}
