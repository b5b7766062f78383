import type { CaseDb } from '../case/case-db';
import { now } from '../common/clock';
import { sha256Hex } from '../evidence/hashing';
import type { QuarterTurn } from './gray-image';
import { ocrImage, type OcrImageOptions, type VerticalChoice } from './ocr-image';
import { engineVersion, sharedOcrPool } from './ocr-pool';
import { parseLanguages } from './language-data';
import type { OcrResult } from './ocr-result';

/** What makes two OCR runs the same: the image bytes, the languages, the mode choice, the engine. */
export interface OcrCacheKey {
  imageSha256: string;
  langs: string;
  mode: string;
  engineVersion: string;
}

export function getCachedOcr(db: CaseDb, key: OcrCacheKey): OcrResult | null {
  const row = db.prepare('SELECT result_json FROM ocr_cache WHERE image_sha256 = ? AND langs = ? AND mode = ? AND engine_version = ?')
    .get(key.imageSha256, key.langs, key.mode, key.engineVersion) as { result_json: string } | undefined;
  return row ? (JSON.parse(row.result_json) as OcrResult) : null;
}

export function putCachedOcr(db: CaseDb, key: OcrCacheKey, result: OcrResult): void {
  db.prepare(`INSERT OR REPLACE INTO ocr_cache (image_sha256, langs, mode, engine_version, result_json, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`).run(key.imageSha256, key.langs, key.mode, key.engineVersion, JSON.stringify(result), now().utc);
}

/** The mode part of the key: the vertical choice, plus a forced rotation and a resolution hint when given. */
function modeKey(vertical: VerticalChoice, rotation: QuarterTurn | 'auto', dpi?: number): string {
  return `${vertical}${rotation === 'auto' ? '' : `@${rotation}`}${dpi ? `;dpi=${Math.round(dpi)}` : ''}`;
}

/** OCR of encoded image bytes through the case's cache: returns `cached: true` when nothing was recognised. */
export async function ocrImageCached(db: CaseDb, bytes: Uint8Array, opts: OcrImageOptions = {}): Promise<{ result: OcrResult; cached: boolean }> {
  const pool = opts.pool ?? sharedOcrPool();
  const key: OcrCacheKey = {
    imageSha256: sha256Hex(bytes),
    langs: parseLanguages(opts.langs ?? 'jpn+eng').join('+'),
    mode: modeKey(opts.vertical ?? 'auto', opts.rotation ?? 'auto', opts.dpi),
    engineVersion: engineVersion(pool.variant),
  };
  const hit = getCachedOcr(db, key);
  if (hit) return { result: hit, cached: true };
  const result = await ocrImage(bytes, { ...opts, pool });
  putCachedOcr(db, key, result);
  return { result, cached: false };
}
