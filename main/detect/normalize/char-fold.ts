import { FoldBuffer } from './folded-text';
import { VARIANT_KANJI } from './variant-kanji';

/** Code units the per-character fold emits for spaces and dashes, and ー, which the context passes read. */
export const SPACE = 0x20;
export const DASH = 0x2d;
export const LONG_VOWEL = 0x30fc; // ー: a dash only between digits

const DASHES = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2043, 0xfe58, 0xfe63, 0xff0d, 0x2500, 0x2501]);

/** Combining marks, (semi-)voiced marks and variation selectors: they belong to the char before them. */
export function isJoinerCode(cp: number): boolean {
  if (cp < 0x300) return false;
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return true; // variation selectors
  if (cp === 0x3099 || cp === 0x309a || cp === 0xff9e || cp === 0xff9f || cp === 0x309b || cp === 0x309c) return true; // (semi-)voiced marks
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff);
}

const VS = /[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g;

/** Folds one code point that NFKC already produced: case, katakana → hiragana, variant kanji, dashes, spaces. */
export function foldCodePoint(cp: number): number {
  if (cp < 0x80) {
    if (cp >= 0x41 && cp <= 0x5a) return cp + 32;
    if (cp === 0x09 || cp === 0x0d || cp === 0x0b || cp === 0x0c) return SPACE;
    return cp;
  }
  if (cp >= 0x30a1 && cp <= 0x30f4) return cp - 0x60; // katakana → hiragana
  if (cp === 0x30f5 || cp === 0x3095) return 0x304b; // ヵ ゕ → か
  if (cp === 0x30f6 || cp === 0x3096) return 0x3051; // ヶ ゖ → け (霞ヶ関 = 霞ケ関)
  if (cp === 0x30fb || cp === 0xa0 || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200b) || cp === 0x202f) return SPACE; // ・ and spaces
  if (DASHES.has(cp)) return DASH;
  const v = VARIANT_KANJI.get(cp);
  if (v !== undefined) return v;
  if (cp < 0x3000) {
    const lower = String.fromCodePoint(cp).toLowerCase();
    if (lower.length <= 2) return lower.codePointAt(0)!;
  }
  return cp;
}

// NFKC per character is the cost of folding; a book uses a few thousand distinct characters.
const CACHE = new Map<string, number[]>();

function foldCluster(cluster: string): number[] {
  const units: number[] = [];
  for (const ch of cluster.replace(VS, '').normalize('NFKC')) {
    const cp = foldCodePoint(ch.codePointAt(0)!);
    if (cp > 0xffff) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else if (cp !== 0x3099 && cp !== 0x309a) units.push(cp);
  }
  return units;
}

/**
 * First pass: each original char (plus the combining marks and variation selectors that follow it,
 * so ｶﾞ → が and 辻󠄀 → 辻) is NFKC-normalized and folded; every output code unit maps to that cluster.
 */
export function foldChars(chars: readonly string[], out: FoldBuffer): void {
  const n = chars.length;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    let cluster = chars[i];
    while (j < n && isJoinerCode(chars[j].codePointAt(0)!)) cluster += chars[j++];
    const first = cluster.charCodeAt(0);
    if (cluster.length === 1 && first < 0x80) {
      out.push(foldCodePoint(first), i, j);
    } else {
      let units = CACHE.get(cluster);
      if (!units) {
        units = foldCluster(cluster);
        if (CACHE.size < 50_000) CACHE.set(cluster, units);
      }
      for (const u of units) out.push(u, i, j);
    }
    i = j;
  }
}
