/** A value as shown while screen sharing: its first character, the rest as ＊ (length kept). */
export function maskValue(s: string): string {
  const chars = [...s];
  return chars.length <= 1 ? '＊' : chars[0] + chars.slice(1).map((c) => (/\s/.test(c) ? c : '＊')).join('');
}
