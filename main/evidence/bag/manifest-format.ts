/**
 * Manifest and tag-file text as RFC 8493 writes it: UTF-8, LF line endings, no BOM.
 * File names in manifests are bag-relative with '/' separators; CR, LF and '%' are percent-encoded
 * (RFC 8493 §2.1.3) so one line always holds one entry.
 */

export const BAGIT_VERSION = '1.0';
export const LINE_END = '\n';

export type BagAlgorithm = 'sha256' | 'sha512';
export const BAG_ALGORITHMS: readonly BagAlgorithm[] = ['sha256', 'sha512'];

/** '%' first, so the escapes written for CR and LF are not themselves escaped again. */
export function encodeManifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The inverse: only %0D, %0A and %25 are escapes (either case); any other '%' stays as it is. */
export function decodeManifestPath(p: string): string {
  return p.replace(/%0[dD]|%0[aA]|%25/g, (m) => (m === '%25' ? '%' : m.toUpperCase() === '%0D' ? '\r' : '\n'));
}

export interface ManifestEntry {
  path: string;
  digest: string;
}

/** "<digest> <path>" lines, sorted by path so the same bag always gives the same bytes. */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.digest} ${encodeManifestPath(e.path)}${LINE_END}`)
    .join('');
}

export interface ManifestParse {
  entries: ManifestEntry[];
  errors: string[];
}

/** Reads a manifest; one space (or more white space) separates digest and path, paths are decoded. */
export function parseManifest(text: string, name: string): ManifestParse {
  const entries: ManifestEntry[] = [];
  const errors: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) errors.push(`${name}: starts with a byte-order mark (RFC 8493 forbids it)`);
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    if (line === '') return;
    const m = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
    if (!m) {
      errors.push(`${name} line ${i + 1}: not "<checksum> <filepath>"`);
      return;
    }
    entries.push({ digest: m[1].toLowerCase(), path: decodeManifestPath(m[2]) });
  });
  return { entries, errors };
}

/** A tag file of "Label: value" lines (bagit.txt, bag-info.txt). Values never hold line breaks here. */
export function formatTagFile(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ').trim()}${LINE_END}`).join('');
}

/** Parses "Label: value" lines, joining indented continuation lines (RFC 8493 §2.2.2). */
export function parseTagFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && out.length) {
      out[out.length - 1][1] += ` ${line.trim()}`;
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}

export function manifestName(alg: BagAlgorithm): string {
  return `manifest-${alg}.txt`;
}

export function tagManifestName(alg: BagAlgorithm): string {
  return `tagmanifest-${alg}.txt`;
}
