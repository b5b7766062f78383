import fs from 'node:fs';
import path from 'node:path';
import type { RecentCase } from '../../shared/ipc/types';
import { CASE_DB_FILE } from '../case/case-folder';

const FILE = 'recent-cases.json';
const MAX = 12;

/** The list of recently opened cases, kept in the app's own state folder (never inside a case). */
export class RecentCases {
  constructor(private readonly stateDir: string) {}

  list(): RecentCase[] {
    return this.read().map((r) => ({ ...r, exists: fs.existsSync(path.join(r.dir, CASE_DB_FILE)) }));
  }

  remember(dir: string, name: string): void {
    const rest = this.read().filter((r) => r.dir !== dir);
    this.write([{ dir, name, openedAt: new Date().toISOString() }, ...rest].slice(0, MAX));
  }

  private read(): Omit<RecentCase, 'exists'>[] {
    try {
      const data = JSON.parse(fs.readFileSync(path.join(this.stateDir, FILE), 'utf8')) as unknown;
      if (!Array.isArray(data)) return [];
      return data.filter((r): r is Omit<RecentCase, 'exists'> =>
        !!r && typeof r.dir === 'string' && typeof r.name === 'string' && typeof r.openedAt === 'string');
    } catch {
      return [];
    }
  }

  private write(list: Omit<RecentCase, 'exists'>[]): void {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const tmp = path.join(this.stateDir, `${FILE}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(list, null, 2));
    fs.renameSync(tmp, path.join(this.stateDir, FILE));
  }
}
