/**
 * What each reader note (main/documents ReadNote codes) means, in the report's two languages. An unknown
 * code shows as itself with its detail: a new note is never hidden from the report.
 */
export const READ_NOTE_LABELS: Record<string, { ja: string; en: string }> = {
  'layout-horizontal-substitute': { ja: '縦書きの本を横書きで代替して組版（ページ番号・位置は読書アプリと異なります）', en: 'vertical-rl book laid out horizontally as a substitute (pages and boxes differ from a reader app)' },
  'mobi-records-skipped': { ja: '破損した MOBI レコードを読み飛ばしました', en: 'damaged MOBI records skipped' },
  'mobi-exth-unreadable': { ja: 'MOBI のメタデータ（EXTH）が破損しています（本文は読み取り済み）', en: 'MOBI metadata (EXTH) damaged; the text was read' },
  'spine-items-missing': { ja: '目次（spine）にある文書の一部がありません', en: 'documents named in the spine are missing' },
  'svg-text-reflowed': { ja: 'SVG の文字を本文として組み直しました（位置は元の図と異なります）', en: 'SVG text reflowed as text (positions differ from the drawing)' },
  'zip-name-encoding': { ja: 'ZIP のファイル名の文字コードを推定して読みました', en: 'ZIP entry names read in a guessed encoding' },
};

export function readNoteLabel(code: string, lang: 'ja' | 'en'): string {
  return READ_NOTE_LABELS[code]?.[lang] ?? code;
}
