import type { KindleInfo } from './kindle/index';
import type { DocumentMetadata } from './types';
// A module without runtime dependencies: naming a format does not load the reader before it is needed.
import { kindleLabel } from './kindle/kind-label';

type KindleModule = typeof import('./kindle/index');

let loaded: Promise<KindleModule> | null = null;

/** The KF8 reader (./kindle), loaded on first use inside the worker. */
export function kindleReader(): Promise<KindleModule> {
  loaded ??= import('./kindle/index');
  return loaded;
}

export { kindleLabel };

/** The shared metadata shape from the container's headers and EXTH records (all of them kept verbatim). */
export function kindleMetadata(info: KindleInfo): DocumentMetadata {
  const m = info.metadata;
  const identifiers: { scheme: string; value: string }[] = [];
  if (m.isbn) identifiers.push({ scheme: 'ISBN', value: m.isbn });
  if (m.asin) identifiers.push({ scheme: /^[0-9a-f]{8}-/i.test(m.asin) ? 'UUID' : 'ASIN', value: m.asin });
  if (m.source) identifiers.push({ scheme: 'SOURCE', value: m.source });
  const { metadata: _omit, ...container } = info;
  return {
    format: kindleLabel(info.kind),
    title: m.title || undefined,
    authors: m.authors,
    contributors: m.contributor ? [m.contributor] : [],
    publisher: m.publisher,
    language: m.language,
    identifiers,
    dates: m.publishDate ? [{ event: 'published', value: m.publishDate }] : [],
    tools: [m.creatorSoftware, m.contributor].filter((x): x is string => Boolean(x)),
    description: m.description,
    rights: m.rights,
    kindle: { ...container, cdeType: m.cdeType, writingMode: m.writingMode, pageProgressionDirection: m.pageProgressionDirection, subjects: m.subjects, exth: m.exth, kf8Exth: m.kf8Exth },
  };
}
