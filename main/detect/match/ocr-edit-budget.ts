/** Below this length (folded) OCR text must match exactly; longer values allow a few misread characters. */
const FUZZY_FROM = 5;

/**
 * Edits tolerated when looking for a known value in OCR text: about one per six characters, at most
 * three. One budget for detection's completion of found records and the redaction's self-check, so the
 * export never refuses a near copy that detection could have located and blacked out.
 */
export function ocrEditBudget(foldedLength: number): number {
  if (foldedLength < FUZZY_FROM) return 0;
  return Math.min(3, Math.max(1, Math.floor(foldedLength / 6)));
}
