import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { badInput } from '../../common/errors';
import { ocrImage, type VerticalChoice } from '../../ocr/ocr-image';
import type { CliContext } from '../cli-context';

const VERTICAL: readonly VerticalChoice[] = ['auto', 'yes', 'no'];

export function register(program: Command, ctx: CliContext): void {
  program.command('ocr <image-file>')
    .description('read one image (PNG, JPEG, TIFF…) with OCR: text, confidence, words with pixel boxes')
    .option('--lang <langs>', 'languages joined with + (jpn, jpn_vert, eng)', 'jpn+eng')
    .option('--vertical <choice>', 'vertical Japanese: auto (try both), yes, no', 'auto')
    .action(async (file: string, o: { lang: string; vertical: string }) => {
      const abs = path.resolve(file);
      if (!VERTICAL.includes(o.vertical as VerticalChoice)) throw badInput(`--vertical must be auto, yes or no (got '${o.vertical}')`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(abs));
      } catch (e) {
        throw badInput(`${abs}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      ctx.progress({ phase: 'ocr', done: 0, total: 1, subject: path.basename(abs) });
      const r = await ocrImage(bytes, { langs: o.lang, vertical: o.vertical as VerticalChoice, signal: ctx.signal, what: abs });
      ctx.progress({ phase: 'ocr', done: 1, total: 1, subject: path.basename(abs) });
      ctx.out(
        {
          text: r.text,
          confidence: r.confidence,
          words: r.words,
          mode: r.mode,
          rotation: r.rotation,
          langs: r.langs,
          engine: r.engine,
          imageSize: r.imageSize,
        },
        r.text,
      );
    });
}
