import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../../main/case/case-folder';
import { addEvidence } from '../../../main/evidence/intake';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { runShokoAsync, SHOKO_BIN } from '../../helpers/run-cli';
import { tmpDir } from '../../helpers/paths';
import { bagFindingsErrors } from './findings-schema';

describe('a package build killed mid-way', () => {
  it('never leaves anything at the target, and the next build clears its leftovers', async () => {
    const root = tmpDir('shoko-kill-');
    const env = { ...process.env, SHOKO_HOME: path.join(root, 'home') };
    const big = path.join(root, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(1));
    fs.truncateSync(big, 192 * 1024 * 1024); // sparse: cheap to make, real bytes to copy and hash
    const c = initCase(path.join(root, 'case'), { name: 'kill test' });
    await addEvidence(c, [big]);
    c.close();

    const target = path.join(root, 'bag');
    const child = spawn(process.execPath, [SHOKO_BIN, 'package', path.join(root, 'case'), '--out', target], { env, stdio: 'ignore' });
    // Kill it once the staging folder holds the copy of the original being written or hashed.
    let staging: string | undefined;
    for (let i = 0; i < 3000 && !staging; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const s = fs.readdirSync(root).find((n) => n.startsWith('.bag.partial-'));
      if (s && fs.existsSync(path.join(root, s, 'bag/data/originals/big.bin'))) staging = s;
    }
    expect(staging, 'the build never reached the copy of the original').toBeDefined();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(path.join(root, staging!, 'bag/bagit.txt'))).toBe(false);
    expect(fs.existsSync(path.join(root, staging!, 'bag/tagmanifest-sha256.txt'))).toBe(false);

    const again = await runShokoAsync(['package', path.join(root, 'case'), '--out', target], { env });
    expect(again.stderr).not.toContain('shoko:');
    expect(again.code).toBe(0);
    expect(fs.readdirSync(root).filter((n) => n.includes('.partial-'))).toEqual([]);
    expect((await verifyPackage(target)).ok).toBe(true);
    expect(bagFindingsErrors(target)).toEqual([]);
  });
});
