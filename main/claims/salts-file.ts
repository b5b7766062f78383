import fs from 'node:fs';
import { badInput } from '../common/errors';

/**
 * The secret half of a standalone commitment (`shoko leaks commit`): one JSON line per record,
 * {"record": key, "salt": 64 hex digits}. Whoever holds it and the list can open any record, so it is
 * written readable by its owner only and never goes into a bundle.
 */
export function writeSaltsFile(file: string, salts: Iterable<[string, Buffer]>): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    let chunk = '';
    for (const [record, salt] of salts) {
      chunk += `${JSON.stringify({ record, salt: salt.toString('hex') })}\n`;
      if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ''; }
    }
    fs.writeSync(fd, chunk);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readSaltsFile(file: string): Map<string, Buffer> {
  if (!fs.existsSync(file)) throw badInput(`${file}: no such salts file`);
  const out = new Map<string, Buffer>();
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { record?: unknown; salt?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw badInput(`${file}: line ${i + 1} is not JSON`);
    }
    const salt = typeof row.salt === 'string' && /^[0-9a-f]{64}$/.test(row.salt) ? Buffer.from(row.salt, 'hex') : null;
    if (typeof row.record !== 'string' || !salt) throw badInput(`${file}: line ${i + 1} is not {"record": …, "salt": 64 hex digits}`);
    out.set(row.record, salt);
  });
  return out;
}
