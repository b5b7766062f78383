import { foldChars, foldCodePoint, isJoinerCode, DASH, LONG_VOWEL, SPACE } from './char-fold';
import { FoldBuffer, type FoldedText } from './folded-text';
import { isKanjiNumeral, isKanjiUnit, kanjiRunToDigits } from './kanji-numerals';

export interface FoldOptions {
  /** OCR text: letters that OCR confuses with digits (O→0, l→1, S→5…) are read as digits next to digits. */
  ocr?: boolean;
  /** Keep spaces and dashes (recognizers want them as separators); matching drops both. */
  keepSeparators?: boolean;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLetter = (c: number) => c >= 0x61 && c <= 0x7a;
const isKana = (c: number) => (c >= 0x3041 && c <= 0x3096) || c === LONG_VOWEL;
const isSep = (c: number) => c === SPACE || c === DASH;
const isDigitish = (c: number) => isDigit(c) || (c >= 0 && isKanjiNumeral(c) && !isKanjiUnit(c));
// Marks after which a kanji numeral run is a number in an address (三丁目, 五番, 七号, 三の二).
// …and dates (昭和六十年三月四日).
const NUMERAL_FOLLOWERS = new Set([0x4e01, 0x756a, 0x53f7, 0x306e, DASH, 0x5e74, 0x6708, 0x65e5]);

/**
 * Kanji numerals are read as digits only where they are numbers: before 丁目/番/号/の/dash/年/月/日 or next to
 * digits, or a run of three or more digit-style numerals (〇九〇…). 一郎 and 千代田 stay as they are.
 */
function numeralContext(codes: ArrayLike<number>, i: number, j: number): boolean {
  const p = i > 0 ? codes[i - 1] : -1, q = j < codes.length ? codes[j] : -1;
  if (NUMERAL_FOLLOWERS.has(q) || isDigit(q) || isDigit(p) || p === DASH) return true;
  if (j - i < 3) return false;
  for (let k = i; k < j; k++) if (isKanjiUnit(codes[k])) return false;
  return true;
}
const OCR_DIGIT: Record<number, number> = { 0x6f: 0x30, 0x64: 0x30, 0x71: 0x30, 0x6c: 0x31, 0x69: 0x31, 0x7c: 0x31, 0x73: 0x35, 0x7a: 0x32, 0x62: 0x38, 0x67: 0x39 };

/** Nearest code before/after i that is not a space or dash, or -1. */
function prevSolid(codes: ArrayLike<number>, i: number): number {
  for (let k = i - 1; k >= 0; k--) if (!isSep(codes[k])) return codes[k];
  return -1;
}
function nextSolid(codes: ArrayLike<number>, i: number): number {
  for (let k = i + 1; k < codes.length; k++) if (!isSep(codes[k])) return codes[k];
  return -1;
}

/**
 * The one normalization both the leaked list and the pages go through before matching: NFKC, case,
 * width and kana folding, variant kanji, dropped variation selectors (first pass, per character), then
 * context rules: ー/一 as a dash between digits, kanji numerals → digits, 丁目/番地/番/号/の after a
 * digit → dash, +81 → 0, and finally spaces, dashes and digit-adjacent brackets removed.
 */
export function foldText(chars: readonly string[], opts: FoldOptions = {}): FoldedText {
  const a = FoldBuffer.take();
  foldChars(chars, a);
  const out = contextPasses(a, opts);
  const folded = out.toFolded();
  out.release();
  return folded;
}

export function foldString(s: string, opts: FoldOptions = {}): FoldedText {
  return foldText(Array.from(s), opts);
}

/**
 * The folded form of a list value (no offsets needed). A million-record list folds three million values,
 * so values that no context rule can touch take a shortcut with the same result (see foldSimpleKey), and
 * the others are remembered (names repeat).
 */
export function foldKey(s: string): string {
  const quick = foldSimpleKey(s);
  if (quick !== null) return quick;
  let k = KEY_CACHE.get(s);
  if (k === undefined) {
    k = foldKeyFull(s);
    if (KEY_CACHE.size >= 100_000) KEY_CACHE.clear();
    KEY_CACHE.set(s, k);
  }
  return k;
}

const KEY_CACHE = new Map<string, string>();

/** foldKey without shortcuts: every pass, as for page text. */
export function foldKeyFull(s: string): string {
  const a = FoldBuffer.take();
  foldChars(Array.from(s), a);
  const out = contextPasses(a, {});
  const text = out.toText();
  out.release();
  return text;
}

// Per BMP code unit: its one-unit fold (foldChars on that char alone), or MULTI when it folds to several
// units or none, is a combining mark/variation selector/surrogate (clusters), or UNKNOWN yet.
const UNKNOWN = 0, MULTI = -1;
const SINGLE_FOLD = new Int32Array(0x10000);

function singleFold(c: number): number {
  let f = SINGLE_FOLD[c];
  if (f === UNKNOWN) {
    const out = new FoldBuffer();
    foldChars([String.fromCharCode(c)], out);
    f = (c >= 0xd800 && c <= 0xdfff) || isJoinerCode(c) || out.length !== 1 ? MULTI : out.codes[0] + 1;
    SINGLE_FOLD[c] = f;
  }
  return f === MULTI ? -1 : f - 1;
}

/** Characters whose context rule needs a digit nearby: ー (dash between digits), 丁(目), 番, 号, の. */
const isDigitRuleChar = (f: number) => f === LONG_VOWEL || f === 0x4e01 || f === 0x756a || f === 0x53f7 || f === 0x306e;

/**
 * foldKey for values the context passes can only strip of spaces and dashes: every char folds alone to
 * one code unit (no clusters, no surrogates), and the folded value has no kanji numeral, no '+', '(' or
 * ')', and no digit together with ー/丁/番/号/の. Null when the value needs the full fold.
 */
function foldSimpleKey(s: string): string | null {
  const n = s.length;
  let mapped = false, seps = false, digit = false, digitRule = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const f = c < 0x80 ? foldCodePoint(c) : singleFold(c);
    if (f < 0 || f === 0x2b || f === 0x28 || f === 0x29 || isKanjiNumeral(f)) return null;
    if (f !== c) mapped = true;
    else if (f === SPACE || f === DASH) seps = true;
    if (f >= 0x30 && f <= 0x39) digit = true;
    else if (f >= 0x80 && isDigitRuleChar(f)) digitRule = true;
  }
  if (digit && digitRule) return null;
  if (!mapped && !seps) return s;
  if (!mapped) { // only ASCII spaces and dashes to drop (山田 太郎, 090-1234-5678): slices of the value
    let out = '', from = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === SPACE || c === DASH) { out += s.slice(from, i); from = i + 1; }
    }
    return out + s.slice(from);
  }
  let out = '';
  const units: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const f = c < 0x80 ? foldCodePoint(c) : singleFold(c);
    if (f === SPACE || f === DASH) continue;
    units.push(f);
    if (units.length === 4096) { out += String.fromCharCode(...units); units.length = 0; }
  }
  return out + String.fromCharCode(...units);
}

function contextPasses(a: FoldBuffer, opts: FoldOptions): FoldBuffer {
  const codes = a.codes, as = a.s, ae = a.e;
  const n = codes.length;
  // OCR digit look-alikes, and ー/一 between digits (dash) or between kana (long vowel).
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const pl = i > 0 ? codes[i - 1] : -1, ql = i + 1 < n ? codes[i + 1] : -1;
    if (opts.ocr && OCR_DIGIT[c] !== undefined) {
      const p = prevSolid(codes, i), q = nextSolid(codes, i);
      if ((isDigit(p) && !isLetter(ql)) || (isDigit(q) && !isLetter(pl))) codes[i] = OCR_DIGIT[c];
    } else if (c === LONG_VOWEL || c === 0x2d) {
      if (isDigitish(pl) && isDigitish(ql)) codes[i] = DASH;
    } else if (c === 0x4e00) {
      if (isDigit(pl) && isDigit(ql)) codes[i] = DASH;
      else if (isKana(pl) && isKana(ql)) codes[i] = LONG_VOWEL;
    }
  }
  // Kanji numeral runs → digits; each digit maps to the whole run.
  const b = FoldBuffer.take();
  for (let i = 0; i < n;) {
    if (isKanjiNumeral(codes[i])) {
      let j = i;
      while (j < n && isKanjiNumeral(codes[j])) j++;
      const run = String.fromCharCode(...codes.slice(i, j));
      const digits = numeralContext(codes, i, j) ? kanjiRunToDigits(run) : null;
      if (digits !== null) {
        for (let k = 0; k < digits.length; k++) b.push(digits.charCodeAt(k), as[i], ae[j - 1]);
      } else {
        for (let k = i; k < j; k++) b.push(codes[k], as[k], ae[k]);
      }
      i = j;
    } else {
      b.push(codes[i], as[i], ae[i]);
      i++;
    }
  }
  // Address markers and phone prefixes, then separators dropped.
  a.release();
  const c2 = b.codes, bs = b.s, be = b.e, m = c2.length;
  const out = FoldBuffer.take();
  for (let i = 0; i < m; i++) {
    const c = c2[i];
    const prevDigit = i > 0 && isDigit(c2[i - 1]);
    if (prevDigit && (c === 0x4e01 && c2[i + 1] === 0x76ee)) { // 丁目
      if (opts.keepSeparators) out.push(DASH, bs[i], be[i + 1]);
      i++;
      continue;
    }
    if (prevDigit && c === 0x756a) { // 番 / 番地
      const end = c2[i + 1] === 0x5730 ? i + 1 : i;
      if (opts.keepSeparators) out.push(DASH, bs[i], be[end]);
      i = end;
      continue;
    }
    if (prevDigit && (c === 0x53f7 || (c === 0x306e && isDigit(c2[i + 1] ?? -1)))) { // 号, の between digits
      if (opts.keepSeparators) out.push(DASH, bs[i], be[i]);
      continue;
    }
    if (c === 0x2b && c2[i + 1] === 0x38 && c2[i + 2] === 0x31 && !prevDigit) { // +81 → 0
      let k = i + 3;
      while (k < m && isSep(c2[k])) k++;
      if (c2[k] === 0x28 && c2[k + 1] === 0x30 && c2[k + 2] === 0x29) k += 3; // +81 (0)3…
      while (k < m && isSep(c2[k])) k++;
      if (k < m && isDigit(c2[k]) && c2[k] !== 0x30) {
        out.push(0x30, bs[i], be[i + 2]);
        i = k - 1;
        continue;
      }
    }
    if ((c === 0x28 && isDigit(nextSolid(c2, i))) || (c === 0x29 && prevDigit)) { // 03(1234)5678
      if (opts.keepSeparators) out.push(SPACE, bs[i], be[i]);
      continue;
    }
    if (!opts.keepSeparators && isSep(c)) continue;
    out.push(c, bs[i], be[i]);
  }
  b.release();
  return out;
}
