import type { PageContent, TextSource } from '../../../shared/model/page';

/** A page of horizontal lines, one 10×12 pt box per character: enough geometry to check boxes. */
export function makePage(index: number, lines: readonly string[], source: TextSource = 'native'): PageContent {
  return {
    index, width: 420, height: 595, images: [], needsOcr: source === 'ocr',
    lines: lines.map((text, li) => {
      const y = 20 + li * 14;
      const chars = Array.from(text).map((c, ci) => ({ c, box: [20 + ci * 10, y, 30 + ci * 10, y + 12] as [number, number, number, number] }));
      return { text: chars.map((c) => c.c).join(''), box: [20, y, 20 + chars.length * 10, y + 12], wmode: 'horizontal' as const, source, chars };
    }),
  };
}
