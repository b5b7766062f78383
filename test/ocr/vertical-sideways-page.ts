import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';

/**
 * A picture of a vertical Japanese page (as a photographed or captured leak book shows it): columns right
 * to left, 40 px IPAex Gothic set top to bottom, and every ASCII run (e-mail addresses, phone numbers)
 * turned 90° clockwise at 34 px with a 22 px advance, as Japanese typesetting sets Latin in vertical
 * text. 952x2000 px, gray. The people are invented.
 */

export interface SidewaysRecord {
  name: string;
  email: string;
  phone: string;
}

export const SIDEWAYS_RECORDS: readonly SidewaysRecord[] = [
  { name: '山口正人', email: 'masato.yamaguchi@example.co.jp', phone: '090-3141-5926' },
  { name: '佐藤翔太', email: 'shota.sato88@example.jp', phone: '080-2718-2818' },
  { name: '山崎勝也', email: 'katsuya.yamazaki59@example.ne.jp', phone: '03-5812-4471' },
  { name: '高橋美咲', email: 'misaki-t@example.com', phone: '070-1618-0339' },
  { name: '中村大輔', email: 'daisuke.nakamura@example.org', phone: '06-6241-7730' },
  { name: '小林由美子', email: 'yumiko_kb@example.co.jp', phone: '090-8866-1024' },
  { name: '加藤健一', email: 'kenichi.kato3@example.jp', phone: '045-312-9876' },
  { name: '吉田彩花', email: 'ayaka.yoshida@example.com', phone: '080-5550-4127' },
];

export const PAGE_WIDTH = 952;
export const PAGE_HEIGHT = 2000;
const CJK_SIZE = 40;
const LATIN_SIZE = 34;
const LATIN_ADVANCE = 22;
const COLUMN_PITCH = 84;
const TOP = 90;

const FONT_FILE = path.resolve(import.meta.dirname, '../../resources/fonts/ipaexg.ttf');

/** What each column says; ASCII runs are the sideways parts. */
export function sidewaysColumns(records: readonly SidewaysRecord[] = SIDEWAYS_RECORDS): string[] {
  return [
    '流出した会員名簿の一部を以下に掲げる',
    ...records.map((r) => `氏名　${r.name}　メール　${r.email}　電話　${r.phone}`),
    '以上の者に連絡が取れるという',
  ];
}

export interface DrawnRun {
  text: string;
  sideways: boolean;
  /** Pixel box of the run on the page. */
  box: [number, number, number, number];
}

/** Renders the page; returns the PNG and where each run was drawn (for checking boxes). */
export function verticalSidewaysPage(records: readonly SidewaysRecord[] = SIDEWAYS_RECORDS): { png: Uint8Array; runs: DrawnRun[] } {
  const font = new mupdf.Font('IPAexGothic', fs.readFileSync(FONT_FILE));
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, PAGE_WIDTH, PAGE_HEIGHT], false);
  pix.clear(255);
  const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
  const text = new mupdf.Text();
  const runs: DrawnRun[] = [];
  const columns = sidewaysColumns(records);
  columns.forEach((col, i) => {
    const cx = PAGE_WIDTH - 110 - i * COLUMN_PITCH;
    let y = TOP;
    for (const m of col.matchAll(/[\x21-\x7e]+|[^\x21-\x7e]+/g)) {
      const run = m[0];
      const sideways = /^[\x21-\x7e]/.test(run);
      const y0 = y;
      for (const ch of run) {
        if (sideways) {
          // Turned 90° clockwise: the glyph's advance runs down the page and its top faces right. The em
          // box (descent 0.12, ascent 0.88) is centred on the column.
          // Each glyph centred in its 22 px cell (wide letters such as m and w overlap their neighbours a little).
          const gid = font.encodeCharacter(ch.codePointAt(0)!);
          const inset = (LATIN_ADVANCE - font.advanceGlyph(gid, 0) * LATIN_SIZE) / 2;
          text.showGlyph(font, [0, LATIN_SIZE, LATIN_SIZE, 0, cx - 0.38 * LATIN_SIZE, y + inset], gid, ch.codePointAt(0)!);
          y += LATIN_ADVANCE;
        } else {
          if (ch !== '　') {
            text.showGlyph(font, [CJK_SIZE, 0, 0, -CJK_SIZE, cx - CJK_SIZE / 2, y + 0.88 * CJK_SIZE], font.encodeCharacter(ch.codePointAt(0)!), ch.codePointAt(0)!);
          }
          y += CJK_SIZE;
        }
      }
      const half = (sideways ? LATIN_SIZE : CJK_SIZE) / 2;
      runs.push({ text: run, sideways, box: [cx - half, y0, cx + half, y] });
    }
    if (y > PAGE_HEIGHT - 40) throw new Error(`column ${i + 1} runs off the page (${y} px)`);
  });
  dev.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
  dev.close();
  return { png: pix.asPNG().slice(), runs };
}
