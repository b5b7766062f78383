import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { badInput } from '../common/errors';
import { sha256Hex } from '../evidence/hashing';

/**
 * Where tesseract language data lives on disk. The layout is the npm packages' own:
 * `<base>/<lang>/<variant>/<lang>.traineddata.gz` (base = node_modules/@tesseract.js-data in development;
 * the packaged app copies the same tree into resources/ and points `setLanguageDataBase` there).
 */

/** The model data we ship and use: measured against 4.0.0 in docs/ocr.md (same CER here, 2-8x smaller, faster). */
export const DEFAULT_VARIANT = '4.0.0_best_int';
export type ModelVariant = '4.0.0' | '4.0.0_best_int';

/** Languages whose data ships with Shoko; a request for anything else is refused with this list. */
export const KNOWN_LANGUAGES = ['jpn', 'jpn_vert', 'eng'] as const;

let baseOverride: string | null = null;

/** Points language data at another folder (the packaged app's resources/tessdata). null restores the default. */
export function setLanguageDataBase(dir: string | null): void {
  baseOverride = dir === null ? null : path.resolve(dir);
}

export function languageDataBase(): string {
  if (baseOverride) return baseOverride;
  const require = createRequire(import.meta.url);
  // Every data package has the same parent folder; resolve through one of them.
  return path.dirname(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')));
}

/** Splits 'jpn+eng' into checked language codes. */
export function parseLanguages(langs: string): string[] {
  const list = langs.split('+').map((l) => l.trim()).filter(Boolean);
  if (list.length === 0) throw badInput(`no OCR language given ('${langs}')`);
  for (const l of list) {
    if (!(KNOWN_LANGUAGES as readonly string[]).includes(l)) {
      throw badInput(`unknown OCR language '${l}' (available: ${KNOWN_LANGUAGES.join(', ')})`);
    }
  }
  return [...new Set(list)];
}

/** The .traineddata.gz file of one language. */
export function languageDataFile(lang: string, variant: ModelVariant = DEFAULT_VARIANT, base = languageDataBase()): string {
  const file = path.join(base, lang, variant, `${lang}.traineddata.gz`);
  if (!fs.existsSync(file)) throw badInput(`OCR language data missing: ${file}`);
  return file;
}

/**
 * A plain folder holding every language of one tesseract worker, as tesseract.js wants
 * (`${langPath}/${lang}.traineddata.gz`). The npm packages keep each language in its own folder, so we
 * gather symlinks (copies where links are not allowed) in a folder under the temp dir, one per
 * data base + variant + language set. Always an absolute file path: tesseract.js only fetches when
 * langPath is a URL, so this never reaches the CDN.
 */
export function languageFolder(langs: readonly string[], variant: ModelVariant = DEFAULT_VARIANT, base = languageDataBase()): string {
  const sorted = [...langs].sort();
  const key = sha256Hex(`${base}\n${variant}\n${sorted.join('+')}`).slice(0, 16);
  const dir = path.join(os.tmpdir(), 'shoko-ocr-lang', `${variant}-${key}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of sorted) {
    const src = languageDataFile(lang, variant, base);
    const dst = path.join(dir, `${lang}.traineddata.gz`);
    if (linkPointsTo(dst, src)) continue;
    // Build under a private name and rename into place: other processes may be doing the same.
    const tmp = `${dst}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      fs.symlinkSync(src, tmp);
    } catch {
      fs.copyFileSync(src, tmp);
    }
    fs.renameSync(tmp, dst);
  }
  return dir;
}

function linkPointsTo(dst: string, src: string): boolean {
  try {
    const st = fs.lstatSync(dst);
    if (st.isSymbolicLink()) return fs.readlinkSync(dst) === src && fs.existsSync(dst);
    return st.size === fs.statSync(src).size;
  } catch {
    return false;
  }
}
