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
  'zip-case-twin': { ja: '大文字・小文字だけが違う同名ファイル（おとり）があります。パッケージが指す正確な名前を本文とし、もう一方も別ページで読みました', en: 'a ZIP entry differs from another only in letter case (a decoy): the exact name the package gives was read as the book, the twin on pages of its own' },
  'zip-duplicate-entry': { ja: 'ZIP に同じ名前のファイルが複数あります（おとり）。すべての版を読みました', en: 'a ZIP entry name is stored more than once (a decoy): every version was read' },
  'polyglot-file': { ja: '一つのファイルに二つの文書があります（ポリグロット：PDF と EPUB/ZIP）。両方を読みました', en: 'one file holds two documents (a polyglot: PDF and EPUB/ZIP): both were read' },
  'zip-outside-bytes': { ja: 'ZIP の外にデータがあります（PDF ではないため読んでいません）', en: 'bytes outside the ZIP (not a PDF, not read)' },
  'image-frames-skipped': { ja: 'アニメーション画像のフレームの一部を読んでいません（上限超過・APNG など）', en: 'frames of an animated image not read (over the cap, APNG, …)' },
  'image-frames-identical': { ja: '直前と完全に同じフレーム（画素を比較）は一度だけ読みました', en: 'frames identical to the one before (pixels compared) were read once' },
  'ocr-pages-not-read': { ja: '一部のページを OCR で読めませんでした', en: 'some pages could not be OCR\'d' },
};

export function readNoteLabel(code: string, lang: 'ja' | 'en'): string {
  return READ_NOTE_LABELS[code]?.[lang] ?? code;
}
