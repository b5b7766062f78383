/**
 * Ruby (furigana) in reflowable books. MuPDF 1.28 lays <rt> out inline after its base, at the size the
 * CSS gives it (no default: full size when the book sets none), so a page reads 山路やまみち and a name with
 * furigana would not match its record. Each reflowable document gets one user style that sets every <rt>
 * and <rp> to a size no book uses; the text extraction then knows a reading character by its size: exactly
 * RUBY_SCALE times the size of its base. The page stays what MuPDF draws (the readings remain, half-size,
 * as in any reader); only matching skips them.
 */
export const RUBY_SCALE = 0.497;
// !important: a book's own rt rules (calibre's KF8 gives rt a class of its own) must not win. MuPDF still lets
// a style="" attribute on an <rt> win; such readings stay unflagged.
export const RUBY_CSS = `rt, rp { font-size: ${RUBY_SCALE * 100}% !important; }`;

// 0.5 (a book's own "half size") is 0.003 away; float sizes keep the ratio to ~1e-6.
const TOLERANCE = 0.0015;

/** Whether a glyph of `size` is a ruby reading over a base of `baseSize`. */
export function isRubySize(size: number, baseSize: number): boolean {
  return baseSize > 0 && Math.abs(size / baseSize - RUBY_SCALE) < TOLERANCE;
}

/**
 * Marks the ruby characters of one line (in MuPDF's order), given the size of the last base character
 * before the line (readings may wrap to the next line). A reading follows its base, so the nearest base
 * size decides; a base styled apart from its ruby element is still caught by any size on the line.
 * Returns the flags and the base size to carry to the next line.
 */
export function markRuby(sizes: readonly number[], carried: number): { ruby: boolean[]; carried: number } {
  const lineSizes = [...new Set(sizes)];
  let base = carried;
  const ruby = sizes.map((s) => {
    const r = isRubySize(s, base) || lineSizes.some((b) => isRubySize(s, b));
    if (!r) base = s;
    return r;
  });
  return { ruby, carried: base };
}
