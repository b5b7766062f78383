import path from 'node:path/posix';
import { rootfileOf, spineOfPackage, type EpubPackage } from './epub-package';
import type { ZipContents, ZipEntry } from './zip-archive';

/**
 * Entry names that clash in an EPUB's ZIP, a way to hide a leak from one reader while another shows it:
 * - a **duplicated name** (the same name stored twice): MuPDF reads the first version, Python's zipfile
 *   (calibre) the last;
 * - a **case-only twin** (`ch1.xhtml` and `CH1.XHTML`): OCF names are case-sensitive, but MuPDF looks
 *   entries up ignoring ASCII case and takes whichever comes first in the directory.
 * MuPDF is therefore given one entry per name-ignoring-case: the one the package names exactly (first
 * version), and every other version is read on pages of its own (epub-other-versions.ts).
 */
export interface NameClashes {
  /** The entries MuPDF gets: no two alike ignoring ASCII case. */
  kept: ZipEntry[];
  /** Every other version, with the name it clashes with (the kept entry's name). */
  others: OtherVersion[];
  /** Documents named only by another version of container.xml or the package document (their spines). */
  otherSpines: string[];
}

export interface OtherVersion {
  entry: ZipEntry;
  kind: 'duplicate' | 'case-twin';
  /** The kept entry's name. */
  of: string;
}

/** Null when every name is unique ignoring case (nothing to do). */
export function findNameClashes(zip: ZipContents, pkg: EpubPackage): NameClashes | null {
  const groups = new Map<string, ZipEntry[]>();
  for (const e of zip.entries) {
    const key = asciiLower(e.name);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  if (groups.size === zip.entries.length) return null;
  const named = new Set(['META-INF/container.xml', 'mimetype', pkg.opfPath, ...pkg.manifest]);
  const kept = new Set<ZipEntry>();
  const others: OtherVersion[] = [];
  for (const group of groups.values()) {
    // The version the package names exactly; else the first (as MuPDF would have taken it).
    const keep = group.find((e) => named.has(e.name)) ?? group[0];
    kept.add(keep);
    for (const e of group) if (e !== keep) others.push({ entry: e, kind: e.name === keep.name ? 'duplicate' : 'case-twin', of: keep.name });
  }
  return { kept: zip.entries.filter((e) => kept.has(e)), others, otherSpines: otherSpines(zip, pkg, others) };
}

/**
 * Spine documents of the package versions a reader could have taken instead (another version of
 * container.xml naming another OPF, another version of the OPF): those the main spine does not hold.
 */
function otherSpines(zip: ZipContents, pkg: EpubPackage, others: OtherVersion[]): string[] {
  const opfs: { data: Uint8Array; name: string }[] = [];
  for (const o of others) {
    if (o.of === pkg.opfPath) opfs.push({ data: o.entry.data, name: pkg.opfPath });
    if (o.of === 'META-INF/container.xml') {
      const root = rootfileOf(o.entry.data);
      const data = root && root !== pkg.opfPath ? zip.get(root) : undefined;
      if (root && data) opfs.push({ data, name: root });
    }
  }
  const main = new Set(pkg.spine.map((s) => s.href));
  const found = new Set<string>();
  for (const opf of opfs) {
    for (const s of spineOfPackage(opf.data, opf.name)) if (!main.has(s.href) && zip.get(s.href)) found.add(s.href);
  }
  return [...found];
}

/** MuPDF folds ASCII letters only (fz_strcasecmp). */
function asciiLower(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export const MARKUP_NAME = /\.(x?html?|svg)$/i;
export const IMAGE_ENTRY = /\.(png|jpe?g|gif|tiff?|bmp)$/i;

/** Versions that can be laid out as pages (documents and pictures); the rest (style sheets, fonts…) are listed only. */
export function readableOther(o: OtherVersion): boolean {
  return MARKUP_NAME.test(o.entry.name) || IMAGE_ENTRY.test(o.entry.name);
}

/** A fresh entry name in the same folder (relative links from the document still resolve), unique ignoring case. */
export function freshName(name: string, taken: Set<string>): string {
  const dir = path.dirname(name);
  const base = path.basename(name);
  for (let k = 2; ; k++) {
    const candidate = `${dir === '.' ? '' : `${dir}/`}shoko-version-${k}-${base}`;
    if (!taken.has(asciiLower(candidate))) {
      taken.add(asciiLower(candidate));
      return candidate;
    }
  }
}

export function takenNames(entries: readonly ZipEntry[]): Set<string> {
  return new Set(entries.map((e) => asciiLower(e.name)));
}
