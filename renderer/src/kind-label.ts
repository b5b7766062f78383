import type { MessageKey, T } from './i18n';

/** A kind, field or phase name in the UI's language, or the engine's own name when the dictionary has none. */
export function labelOf(t: T, prefix: 'kind' | 'phase' | 'check', name: string): string {
  // A phase may carry a detail after its name ('extract item 2'): the name is what is translated.
  const base = prefix === 'phase' ? name.split(' ')[0] : name;
  const key = `${prefix}.${base}` as MessageKey;
  const s = t(key);
  return s === key ? name : s;
}

/** A file type in the UI's language by its media type; the engine's own label for a type the dictionary lacks. */
export function mediaLabelOf(t: T, item: { mediaType: string; mediaLabel: string }): string {
  const key = `media.${item.mediaType}` as MessageKey;
  const s = t(key);
  return s === key ? item.mediaLabel : s;
}
