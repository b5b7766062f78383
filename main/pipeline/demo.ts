import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resourcesDir } from '../report/report-font';
import { runTriage, type TriageOptions, type TriageSummary } from './triage';

export const DEMO_BOOK = 'demo-member-directory.epub';
export const DEMO_LIST = 'demo-leak-list.csv';

export function demoFiles(): { book: string; list: string } {
  const dir = path.join(resourcesDir(), 'demo');
  const book = path.join(dir, DEMO_BOOK);
  const list = path.join(dir, DEMO_LIST);
  for (const f of [book, list]) if (!fs.existsSync(f)) throw new Error(`${f}: demo material missing from this installation`);
  return { book, list };
}

/** `shoko demo`: triage of the bundled sample book against the bundled leak list (fake people only). */
export async function runDemo(opts: Pick<TriageOptions, 'onProgress' | 'onStep' | 'signal'> & { out?: string }): Promise<TriageSummary> {
  const { book, list } = demoFiles();
  const out = opts.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-demo-'));
  return runTriage({
    files: [book], leaks: list, key: '会員ID', out,
    caseName: 'デモ事件 / Demo case', caseNumber: 'DEMO-0001', examiner: 'デモ 検査者', organization: 'デモ株式会社 (Demo Co.)',
    source: 'resources/demo (generated sample, fake people)', ocr: 'auto', ...opts,
  });
}
