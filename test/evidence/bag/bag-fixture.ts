import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { initCase, type CaseHandle } from '../../../main/case/case-folder';
import { buildPackage, type PackageResult } from '../../../main/evidence/bag/build-package';
import { addEvidence } from '../../../main/evidence/intake';
import { corpusFile, tmpDir } from '../../helpers/paths';
import { bagFindingsErrors } from './findings-schema';

/** A real case with two originals (one named with '%', which the bag names with '％') and its package, built in a temp folder. */
export async function makeCaseAndBag(): Promise<{ root: string; caseDir: string; bag: string; pkg: PackageResult; home: string }> {
  const root = tmpDir('shoko-bag-');
  const home = path.join(root, 'home');
  process.env.SHOKO_HOME = home;
  const odd = path.join(root, '100%_leak list.txt');
  fs.writeFileSync(odd, 'member list sample\n');
  const c: CaseHandle = initCase(path.join(root, 'case'), { name: 'バッグ試験', caseNumber: 'T-2026-7', examiner: '検査 花子', organization: '試験株式会社' });
  try {
    await addEvidence(c, [odd, corpusFile('epub/epubcheck-minimal-valid.epub')], { source: 'test' });
    const bag = path.join(root, 'bag');
    const pkg = await buildPackage(c, { out: bag });
    // Every bag the evidence tests build holds findings.json as docs/findings.schema.json describes it.
    const errors = bagFindingsErrors(bag);
    if (errors.length) throw new Error(`findings.json does not match docs/findings.schema.json:\n${errors.join('\n')}`);
    return { root, caseDir: c.dir, bag, pkg, home };
  } finally {
    c.close();
  }
}

/** A fresh copy of a bag to tamper with (originals are read-only in a bag; copies are made writable). */
export function copyBag(bag: string, to: string): string {
  fs.cpSync(bag, to, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', to]);
  return to;
}
