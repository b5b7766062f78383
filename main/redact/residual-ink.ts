import { rgbaWords, type Raster } from './raster';

/** A pixel rectangle [x0, y0, x1, y1), origin top-left. */
export type PixelRect = [number, number, number, number];

export interface ResidualInkOptions {
  /** Areas whose ink is accounted for: black boxes, and characters whose text is checked as text. */
  explained: readonly PixelRect[];
  /** A run of thin ink at least this long (pixels) is a rule or a table border, not a glyph. */
  ruleLength: number;
}

export interface ResidualInk {
  /** Where ink nothing else accounts for stands: what OCR must read. Padded, clipped, merged. */
  regions: PixelRect[];
  /** Ink pixels left after the explained areas and rules were taken out. */
  inkPixels: number;
}

/** Differs from the page background by more than this in some channel: ink (light grey text included). */
const INK_DELTA = 40;
/** Ink is analysed on a grid of 2×2-pixel blocks (a block with any ink is ink): a quarter of the work. */
const BLOCK = 2;
/**
 * Rules and borders are at most this thick (blocks: 5–6 pixels, under 3 pt at 150 dpi): a table's double
 * border (two adjacent cell borders) is 5 pixels at 150 dpi. Text that small is not legible at that
 * resolution, and a rule must also run straight for ruleLength (see removeRules).
 */
const RULE_THICKNESS = 3;
/** Side of the cells ink is gathered in (blocks: 8 pixels); cells this close are one region. */
const CELL = 4;
/** Fewer ink blocks than this in a region: anti-aliasing crumbs, a dot, a rule's corner — nothing legible. */
const MIN_REGION_INK = 4;
/** Margin around a region given to OCR (pixels). */
const PAD = 6;

/** Scratch buffers reused from page to page (the analysis is synchronous: one page at a time). */
const scratch: Uint8Array[] = [];
function buffer(size: number, slot = 0): Uint8Array {
  if ((scratch[slot]?.length ?? 0) < size) scratch[slot] = new Uint8Array(size);
  return scratch[slot].subarray(0, size);
}
/** A zeroed scratch buffer (slots 1 and up). */
function zeroed(size: number, slot: number): Uint8Array {
  return buffer(size, slot).fill(0);
}

/**
 * Finds the ink on a burnt page that no known text explains. Every pixel differing from the background is
 * ink; ink inside an explained rectangle (a black box, or a character whose text is checked) is accounted
 * for; long thin runs are rules and borders. What remains — pictures, outlined or vector text, glyphs whose
 * text layer lies — is returned as regions for OCR. A page whose known text explains all of its ink needs
 * no OCR at all: that is the proof that nothing is legible beyond what the text checks read.
 */
export function residualInk(r: Raster, opts: ResidualInkOptions): ResidualInk {
  const { width: w, height: h, data } = r;
  const [br, bg, bb] = background(r);
  const full = buffer(w * h);
  const words = rgbaWords(r);
  const bgWord = ((255 << 24) | (bb << 16) | (bg << 8) | br) >>> 0;
  let any = 0;
  for (let i = 0, p = 0; i < w * h; i++, p += 4) {
    // Most of a page is exactly its background: one comparison.
    if (words[i] === bgWord) { full[i] = 0; continue; }
    const on = Math.abs(data[p] - br) > INK_DELTA || Math.abs(data[p + 1] - bg) > INK_DELTA || Math.abs(data[p + 2] - bb) > INK_DELTA ? 1 : 0;
    full[i] = on;
    any |= on;
  }
  if (!any) return { regions: [], inkPixels: 0 };
  for (const [x0, y0, x1, y1] of opts.explained) {
    const ax = Math.max(0, Math.floor(x0)), bx = Math.min(w, Math.ceil(x1));
    if (bx <= ax) continue;
    for (let y = Math.max(0, Math.floor(y0)), ye = Math.min(h, Math.ceil(y1)); y < ye; y++) full.fill(0, y * w + ax, y * w + bx);
  }
  // Down to blocks: a block is ink when any of its pixels is.
  const bw = Math.ceil(w / BLOCK), bh = Math.ceil(h / BLOCK);
  const ink = zeroed(bw * bh, 1);
  // Blocks an explained area touches: a rule runs on through them (a border cut by black boxes into stubs).
  const pass = zeroed(bw * bh, 2);
  for (const [x0, y0, x1, y1] of opts.explained) {
    const ax = Math.max(0, Math.floor(x0 / BLOCK)), bx = Math.min(bw, Math.ceil(x1 / BLOCK));
    if (bx <= ax) continue;
    for (let y = Math.max(0, Math.floor(y0 / BLOCK)), ye = Math.min(bh, Math.ceil(y1 / BLOCK)); y < ye; y++) pass.fill(1, y * bw + ax, y * bw + bx);
  }
  let left = 0;
  for (let y = 0; y < h; y++) {
    const line = full.subarray(y * w, (y + 1) * w), brow = ((y / BLOCK) | 0) * bw;
    for (let x = line.indexOf(1); x >= 0; x = line.indexOf(1, x + 1)) {
      ink[brow + ((x / BLOCK) | 0)] = 1;
      left++;
    }
  }
  if (!left) return { regions: [], inkPixels: 0 };
  removeRules(ink, pass, bw, bh, Math.max(8, Math.round(opts.ruleLength / BLOCK)));

  // Gather ink into cells, then cells into regions (8-connected, so glyphs of one word join up).
  const cw = Math.ceil(bw / CELL), ch = Math.ceil(bh / CELL);
  const cells = new Uint32Array(cw * ch);
  let inkPixels = 0;
  for (let y = 0; y < bh; y++) {
    const row = y * bw, crow = ((y / CELL) | 0) * cw;
    for (let x = 0; x < bw; x++) if (ink[row + x]) { cells[crow + ((x / CELL) | 0)]++; inkPixels++; }
  }
  const seen = new Uint8Array(cw * ch);
  const regions: PixelRect[] = [];
  const stack: number[] = [];
  const px = CELL * BLOCK;
  for (let start = 0; start < cells.length; start++) {
    if (!cells[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let cx0 = cw, cy0 = ch, cx1 = 0, cy1 = 0, count = 0;
    while (stack.length) {
      const c = stack.pop()!;
      const cx = c % cw, cy = (c / cw) | 0;
      count += cells[c];
      cx0 = Math.min(cx0, cx); cy0 = Math.min(cy0, cy); cx1 = Math.max(cx1, cx); cy1 = Math.max(cy1, cy);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx, ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
          const n = ny * cw + nx;
          if (cells[n] && !seen[n]) { seen[n] = 1; stack.push(n); }
        }
      }
    }
    if (count < MIN_REGION_INK) { inkPixels -= count; continue; }
    regions.push([
      Math.max(0, cx0 * px - PAD), Math.max(0, cy0 * px - PAD),
      Math.min(w, (cx1 + 1) * px + PAD), Math.min(h, (cy1 + 1) * px + PAD),
    ]);
  }
  return { regions: mergeOverlapping(regions), inkPixels: inkPixels * BLOCK * BLOCK };
}

/** The page's background colour: the most common colour on a sparse grid of samples. */
function background(r: Raster): [number, number, number] {
  const counts = new Map<number, number>();
  const step = Math.max(1, Math.floor(Math.sqrt((r.width * r.height) / 20_000)));
  let best = 0xffffff, bestN = 0;
  for (let y = 0; y < r.height; y += step) {
    for (let x = 0; x < r.width; x += step) {
      const p = (y * r.width + x) * 4;
      const k = (r.data[p] << 16) | (r.data[p + 1] << 8) | r.data[p + 2];
      const n = (counts.get(k) ?? 0) + 1;
      counts.set(k, n);
      if (n > bestN) { bestN = n; best = k; }
    }
  }
  return [best >> 16, (best >> 8) & 255, best & 255];
}

/**
 * Takes rules and borders out of the ink: runs at least `len` long of pixels whose ink across the run is
 * at most RULE_THICKNESS thick, horizontal and vertical, and the ink touching them (anti-aliasing,
 * where two rules cross). A glyph's strokes are shorter than a rule; a filled area is thicker.
 * A rule that runs into an explained area (a black box, known text) goes on beyond it: the stubs of a
 * table border left between black boxes are the same border. A stretch of thin ink is a rule when it is
 * at least `len` long on its own, or when it runs on through an explained area for `len` in all and is
 * itself at least half of that (the last stub between a box and the table's edge); a glyph's stroke is
 * shorter.
 */
function removeRules(ink: Uint8Array, pass: Uint8Array, w: number, h: number, len: number): void {
  // Thickness of ink across each pixel: vThin = the vertical run through it is thin (a horizontal rule's
  // pixels), hThin = the horizontal run is thin (a vertical rule's). Row by row, so memory is read in order.
  const vThin = zeroed(w * h, 3), hThin = zeroed(w * h, 4);
  const runStart = new Int32Array(w).fill(-1);
  for (let y = 0; y <= h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const on = y < h && ink[row + x] === 1;
      if (on) { if (runStart[x] < 0) runStart[x] = y; continue; }
      const s0 = runStart[x];
      if (s0 < 0) continue;
      if (y - s0 <= RULE_THICKNESS) for (let k = s0; k < y; k++) vThin[k * w + x] = 1;
      runStart[x] = -1;
    }
    if (y === h) break;
    let x = 0;
    while (x < w) {
      if (!ink[row + x]) { x++; continue; }
      let e = x;
      while (e < w && ink[row + e]) e++;
      if (e - x <= RULE_THICKNESS) hThin.fill(1, row + x, row + e);
      x = e;
    }
  }
  const rule = zeroed(w * h, 5);
  runStart.fill(-1);
  const longest = new Int32Array(w), stretch = new Int32Array(w), gap = new Int32Array(w), through = new Uint8Array(w);
  for (let y = 0; y <= h; y++) {
    const row = y * w;
    // Vertical rules: columns of hThin pixels (through explained blocks) with a stretch at least len long.
    for (let x = 0; x < w; x++) {
      const thin = y < h && hThin[row + x] === 1;
      // Where another rule crosses, the ink is thin in neither direction: the rule goes on through it.
      const cross = !thin && y < h && ink[row + x] === 1 && gap[x] < RULE_THICKNESS;
      if (thin || cross || (y < h && pass[row + x] === 1)) {
        if (runStart[x] < 0) { runStart[x] = y; longest[x] = 0; stretch[x] = 0; gap[x] = 0; through[x] = 0; }
        if (thin || cross) {
          gap[x] = thin ? 0 : gap[x] + 1;
          if (++stretch[x] > longest[x]) longest[x] = stretch[x];
        } else { stretch[x] = gap[x] = 0; through[x] = 1; }
        continue;
      }
      const s0 = runStart[x];
      if (s0 < 0) continue;
      if (longest[x] >= len || (through[x] && y - s0 >= len && 2 * longest[x] >= len)) for (let k = s0; k < y; k++) if (hThin[k * w + x]) rule[k * w + x] = 1;
      runStart[x] = -1;
    }
    if (y === h) break;
    // Horizontal rules: rows of vThin pixels (through explained blocks) with a stretch at least len long.
    let x = 0;
    while (x < w) {
      if (!vThin[row + x] && !pass[row + x]) { x++; continue; }
      let e = x, run = 0, best = 0, across = 0, bridged = false;
      for (; e < w; e++) {
        const i = row + e;
        const thin = vThin[i] === 1, cross = !thin && ink[i] === 1 && across < RULE_THICKNESS;
        if (thin || cross) { across = thin ? 0 : across + 1; if (++run > best) best = run; } else if (pass[i]) { run = across = 0; bridged = true; } else break;
      }
      if (best >= len || (bridged && e - x >= len && 2 * best >= len)) for (let k = x; k < e; k++) if (vThin[row + k]) rule[row + k] = 1;
      x = e;
    }
  }
  // Clear the rules and any ink within two blocks of them (anti-aliasing, where two rules meet or cross).
  const R = 2;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let x = 0;
    while (x < w) {
      if (!rule[row + x]) { x++; continue; }
      let e = x;
      while (e < w && rule[row + e]) e++;
      const a = Math.max(0, x - R), b = Math.min(w, e + R);
      for (let yy = Math.max(0, y - R); yy <= Math.min(h - 1, y + R); yy++) ink.fill(0, yy * w + a, yy * w + b);
      x = e;
    }
  }
}

/** Merges rectangles that overlap until none do. */
export function mergeOverlapping(rects: readonly PixelRect[]): PixelRect[] {
  let out = rects.map((r) => [...r] as PixelRect);
  for (let changed = true; changed;) {
    changed = false;
    const next: PixelRect[] = [];
    for (const r of out) {
      const o = next.find((n) => n[0] < r[2] && r[0] < n[2] && n[1] < r[3] && r[1] < n[3]);
      if (o) {
        o[0] = Math.min(o[0], r[0]); o[1] = Math.min(o[1], r[1]); o[2] = Math.max(o[2], r[2]); o[3] = Math.max(o[3], r[3]);
        changed = true;
      } else next.push(r);
    }
    out = next;
  }
  return out;
}
