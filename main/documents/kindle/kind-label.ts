import type { KindleKind } from './container';

/** How a Kindle container is named to the user (document format, DRM messages). */
export function kindleLabel(kind: KindleKind): string {
  return { mobi6: 'MOBI (KF7)', joint: 'MOBI (KF7+KF8 joint)', kf8: 'AZW3 (KF8)', kfx: 'Kindle KFX', topaz: 'Kindle Topaz' }[kind] ?? kind;
}
