/**
 * File names inside a bag, made safe for every platform the bag may travel to while keeping the
 * original recognisable: NFC, no control characters or path separators, no Windows-reserved
 * characters or device names, no leading '*' or white space (manifest parsers strip those), and
 * bounded length with the extension kept. '%' becomes '％' (U+FF05): RFC 8493 percent-encodes it in
 * manifests, which bagit-python and `sha256sum -c` do not decode, so a name with '%' would fail there.
 * The exact original name stays recorded in findings.json.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_NAME_BYTES = 180;

export function safeFileName(name: string, fallback: string): string {
  let s = name.normalize('NFC')
    .replace(/^[\s.*]+|[\s.]+$/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u0080-\u009f]/g, '_')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/%/g, '％');
  if (s === '' || s === '.' || s === '..') s = fallback;
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return truncateKeepingExtension(s, MAX_NAME_BYTES);
}

function truncateKeepingExtension(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
  let stem = s.slice(0, s.length - ext.length);
  while (Buffer.byteLength(stem + ext) > maxBytes) stem = [...stem].slice(0, -1).join('');
  return stem + ext;
}

/**
 * Gives each name a unique form within one folder, comparing case-insensitively (Windows and macOS
 * folders are): the second "a.epub" becomes "a (2).epub".
 */
export class UniqueNames {
  private readonly taken = new Set<string>();
  take(name: string): string {
    let candidate = name;
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
