import municipalities from '../data/jp-municipalities.json';
import { foldKey } from './match-fold';

/** Prefecture → its municipalities (Geolonia 住所データ, CC BY 4.0; see main/detect/data/ATTRIBUTION.md). */
export const MUNICIPALITIES: Readonly<Record<string, readonly string[]>> = municipalities;
export const PREFECTURES: readonly string[] = Object.keys(municipalities);
const FOLDED_PREFECTURES = PREFECTURES.map(foldKey);

/** The folded address without its leading prefecture (people often omit it), or null if none. */
export function withoutPrefecture(foldedAddress: string): string | null {
  for (const p of FOLDED_PREFECTURES) if (foldedAddress.startsWith(p)) return foldedAddress.slice(p.length);
  return null;
}
