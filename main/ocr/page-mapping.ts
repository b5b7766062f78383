import type { Box } from '../../shared/model/geometry';
import type { TextLine } from '../../shared/model/page';
import type { OcrResult, PixelBox } from './ocr-result';

export interface PlacementSpec {
  /** The OCR'd image's pixel size (as given to OCR, before any rotation it needed). */
  imagePixelSize: { width: number; height: number };
  /** Where that image is drawn on the page, in page units (points, origin top-left). */
  placement: Box;
}

/**
 * Maps OCR boxes from image pixels to page coordinates: the image fills `placement`, so x scales by
 * placement width / pixel width (for a whole rendered page that is 72 / dpi), plus the placement's
 * origin. Keeps text === chars joined; every line gets source 'ocr'.
 */
export function mapBoxesToPage(result: Pick<OcrResult, 'lines'>, spec: PlacementSpec): TextLine[] {
  const { width, height } = spec.imagePixelSize;
  if (!(width > 0 && height > 0)) throw new Error(`image pixel size must be positive, got ${width}x${height}`);
  const [px0, py0, px1, py1] = spec.placement;
  const sx = (px1 - px0) / width, sy = (py1 - py0) / height;
  const map = (b: PixelBox): Box => [
    round3(px0 + b[0] * sx), round3(py0 + b[1] * sy), round3(px0 + b[2] * sx), round3(py0 + b[3] * sy),
  ];
  return result.lines.map((l) => {
    const chars = l.chars.map((c) => ({ c: c.c, box: map(c.box), confidence: c.confidence }));
    return {
      text: chars.map((c) => c.c).join(''),
      box: map(l.box),
      wmode: l.wmode,
      source: 'ocr' as const,
      chars,
      confidence: l.confidence,
    };
  });
}

/** The placement of a whole page rendered at `dpi`: the image covers the page exactly. */
export function wholePagePlacement(pixelWidth: number, pixelHeight: number, dpi: number): Box {
  return [0, 0, (pixelWidth * 72) / dpi, (pixelHeight * 72) / dpi];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
