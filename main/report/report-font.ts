import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Japanese font embedded in every report: IPAex Gothic, shipped in resources/fonts with its licence. */
export const REPORT_FONT_FAMILY = 'IPAexGothic';

/** resources/ of the source tree, or $SHOKO_RESOURCES where a packaged app keeps its extra resources. */
export function resourcesDir(): string {
  if (process.env.SHOKO_RESOURCES) return path.resolve(process.env.SHOKO_RESOURCES);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');
}

export function reportFontFile(): string {
  return path.join(resourcesDir(), 'fonts', 'ipaexg.ttf');
}

let fontBytes: Buffer | null = null;

/** The font file's bytes, read once per process (reports and screenshot captions both use it). */
export function reportFontBytes(): Buffer {
  if (fontBytes) return fontBytes;
  const file = reportFontFile();
  try {
    fontBytes = fs.readFileSync(file);
    return fontBytes;
  } catch {
    throw new Error(`${file}: the report font is missing from this installation (resources/fonts)`);
  }
}
