import path from 'node:path';
import { setLanguageDataBase } from '../ocr/language-data';

/**
 * In the packaged app the extra resources (fonts, OCR language data, the demo) sit beside the app in
 * process.resourcesPath, laid out like the source tree's resources/ (see electron-builder.yml).
 */
export function usePackagedResources(resourcesPath: string): void {
  process.env.SHOKO_RESOURCES = resourcesPath;
  setLanguageDataBase(path.join(resourcesPath, 'tessdata'));
}
