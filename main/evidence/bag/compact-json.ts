/**
 * JSON pretty-printed down to `depth` and written on one line below it: findings.json stays readable
 * (one occurrence, one page, one acquisition per line) without a line per box coordinate, which at
 * 59k hits would make it several times larger and slow to open.
 */
export function compactJson(value: unknown, depth: number, indent = '  ', level = 0): string {
  if (value === null || typeof value !== 'object' || level >= depth) return JSON.stringify(value) ?? 'null';
  const pad = indent.repeat(level + 1);
  const end = indent.repeat(level);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + compactJson(v, depth, indent, level + 1)).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${compactJson(v, depth, indent, level + 1)}`).join(',\n')}\n${end}}`;
}
