/**
 * Masks a personal value for display (the leak-list preview, hit labels): enough to recognise the
 * shape of the data, not enough to read it. 山田 太郎 → 山田 **, yamada@example.com → y***@example.com,
 * 090-1234-5678 → 090-****-5678.
 */
export function maskValue(raw: string): string {
  const v = raw.trim();
  if (!v) return '';
  const at = v.indexOf('@');
  if (at > 0) return `${v[0]}***${v.slice(at)}`;
  const digits = v.replace(/\D/g, '');
  if (digits.length >= 7 && digits.length / v.replace(/\s/g, '').length > 0.6) {
    // Phone-length numbers keep their first three and last four digits (090-****-5678); shorter
    // ones (postal codes, dates) only their last two, so most of the number stays hidden.
    let seen = 0;
    const long = digits.length >= 10;
    const keepHead = long ? 3 : 0;
    const keepTail = long ? 4 : 2;
    return v.replace(/\d/g, (d) => {
      seen++;
      return seen <= keepHead || seen > digits.length - keepTail ? d : '*';
    });
  }
  const parts = v.split(/[\s\u3000]+/);
  if (parts.length > 1) return `${parts[0]} ${'*'.repeat(Math.min(4, Math.max(2, parts.slice(1).join('').length)))}`;
  const chars = [...v];
  if (chars.length <= 1) return '*';
  const keep = chars.length <= 3 ? 1 : 2;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(6, chars.length - keep));
}
