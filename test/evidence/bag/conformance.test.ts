import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { REPO_ROOT } from '../../helpers/paths';
import { runShoko } from '../../helpers/run-cli';

// The Library of Congress BagIt conformance suite (../shared/corpus/bagit-conformance): every valid/ bag
// valid with no Shoko attestations, every invalid/ and linux-only/ bag invalid for its own reason.
const SUITE = path.resolve(REPO_ROOT, '../shared/corpus/bagit-conformance');
const BAGIT_PY = path.resolve(REPO_ROOT, '../shared/tools/bagit/bagit.py');

const bags = (rel: string) => fs.readdirSync(path.join(SUITE, rel), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(SUITE, rel, e.name));

/** Why each invalid bag is invalid, as Shoko must say it. */
const REASONS: Record<string, RegExp> = {
  'v1.0/invalid/bagit-with-invalid-whitespace': /^bagit\.txt malformed: first line must be "BagIt-Version: M\.N"/,
  'v1.0/invalid/notAllManifestsListAllFiles': /^payload file not in manifest-sha512\.txt: data\/missingFromManifest\.txt/,
  'v1.0/invalid/same-filename-listed-twice-with-different-hashes': /^manifest-sha256\.txt: lists data\/README twice/,
  'v1.0/invalid/same-filename-listed-twice-with-the-same-hash': /^manifest-sha256\.txt: lists data\/README twice/,
  'v0.97/invalid/baginfo-missing-encoding': /^bagit\.txt malformed: expected 2 lines \(BagIt-Version, Tag-File-Character-Encoding\)/,
  'v0.97/invalid/bom-in-bagit.txt': /^bagit\.txt starts with a byte-order mark/,
  'v0.97/invalid/corrupt-data-file': /^payload file altered: data\/bare-filename: md5 is/,
  'v0.97/invalid/corrupt-tag-file': /^tag file altered: bag-info\.txt: md5 is/,
  'v0.97/invalid/extra-file-in-bag': /^payload file not in manifest-md5\.txt: data\/bar/,
  'v0.97/invalid/invalid-version-number': /^bagit\.txt malformed: BagIt-Version "\.97" is not M\.N/,
  'v0.97/invalid/missing-baginfo': /^tag file missing: bag-info\.txt: listed in tagmanifest-md5\.txt/,
  'v0.97/invalid/missing-bagit.txt': /^bagit\.txt missing: .*without it this is not a valid bag/,
  'v0.97/invalid/out-of-scope-file-paths-using-dot-notation': /^manifest-md5\.txt line 3: path out of the bag's scope: "\.\.\/\.\.\/\.\.\/README\.md" \("\.\." leaves the bag\)/,
  'v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch': /^fetch\.txt line 1: path out of the bag's scope: "\.\.\/\.\.\/\.\.\/README\.md"/,
  'v0.97/invalid/same-filename-listed-twice-with-different-hashes': /^manifest-sha256\.txt: lists data\/README twice/,
  'v0.97/linux-only/out-of-scope-file-paths-using-absolute-path': /^manifest-md5\.txt line 3: path out of the bag's scope: "\/tmp\/foo" \(absolute path\)/,
  'v0.97/linux-only/out-of-scope-file-paths-using-absolute-path-for-fetch': /^fetch\.txt line 1: path out of the bag's scope: "\/tmp\/test\.txt" \(absolute path\)/,
  'v0.97/linux-only/out-of-scope-file-paths-using-shortcut': /^manifest-md5\.txt line 3: path out of the bag's scope: "~\/foo" \(home-folder shortcut\)/,
  'v0.97/linux-only/out-of-scope-file-paths-using-shortcut-for-fetch': /^fetch\.txt line 1: path out of the bag's scope: "~\/test\.txt" \(home-folder shortcut\)/,
  'v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username': /^manifest-md5\.txt line 3: path out of the bag's scope: "~root\/foo" \(home-folder shortcut\)/,
  'v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username-for-fetch': /^fetch\.txt line 1: path out of the bag's scope: "~root\/foo" \(home-folder shortcut\)/,
};

describe('Library of Congress BagIt conformance suite', () => {
  const valid = [...bags('v1.0/valid'), ...bags('v0.97/valid')];
  const invalid = [...bags('v1.0/invalid'), ...bags('v0.97/invalid'), ...bags('v0.97/linux-only')];

  it('has the bags this test names', () => {
    expect(valid.length).toBe(13);
    expect(invalid.map((b) => path.relative(SUITE, b)).sort()).toEqual(Object.keys(REASONS).sort());
  });

  it.each(valid.map((b) => [path.relative(SUITE, b), b]))('%s is valid, with Shoko attestations "none"', async (_name, bag) => {
    const v = await verifyPackage(bag);
    expect(v.failure).toBeUndefined();
    expect(v.rfc8493.valid).toBe(true);
    expect(v.attestations).toBe('none');
  });

  it.each(invalid.map((b) => [path.relative(SUITE, b), b]))('%s is invalid for its own reason', async (name, bag) => {
    const v = await verifyPackage(bag);
    expect(v.ok).toBe(false);
    expect(v.rfc8493.valid).toBe(false);
    expect(v.attestations).toBe('not checked');
    expect(v.failure).toMatch(REASONS[name]);
  });

  it('the CLI: a foreign bag exits 0 on its RFC verdict alone, a missing bagit.txt is an invalid bag (exit 1), not "not a Shoko case"', () => {
    const ok = runShoko(['verify', path.join(SUITE, 'v0.97/valid/basic-bag')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('RFC 8493:           valid (BagIt 0.97)');
    expect(ok.stdout).toContain('Shoko attestations: none (not a Shoko bag)');
    const missing = runShoko(['verify', path.join(SUITE, 'v0.97/invalid/missing-bagit.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toContain('not a Shoko case');
    expect(missing.stdout).toMatch(/NOT VERIFIED: bagit\.txt missing/);
  });

  it('bagit-python, the LoC reference validator, agrees on a valid and an invalid bag of the suite', () => {
    const run = (bag: string) => spawnSync('python3', [BAGIT_PY, '--validate', '--quiet', bag], { encoding: 'utf8' }).status;
    expect(run(path.join(SUITE, 'v0.97/valid/bag-with-leading-dot-slash-in-manifest'))).toBe(0);
    expect(run(path.join(SUITE, 'v0.97/invalid/corrupt-data-file'))).toBe(1);
    expect(execFileSync('python3', ['--version'], { encoding: 'utf8' })).toMatch(/^Python 3/);
  });
});
