// Benchmark (not a test): intake of a generated file against sha256sum + sha1sum + md5sum run one
// after another on the same file in the same run. Prints MB/s and the ratio (>1 means Shoko is faster).
// Usage: node --import tsx bench/intake/run.ts [sizeMiB=1024]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCase } from '../../main/case/case-folder';
import { addEvidence } from '../../main/evidence/intake';

const sizeMiB = Number(process.argv[2] ?? 1024);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-intake-'));
const file = path.join(work, 'input.bin');

function generate(): void {
  const block = Buffer.alloc(16 * 1024 * 1024);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < sizeMiB / 16; i++) {
    block.writeUInt32LE(i, 0);
    fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
}

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
}

async function main(): Promise<void> {
  generate();
  const bytes = fs.statSync(file).size;
  // Warm the page cache once so neither side pays the first disk read.
  execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });

  const [, tools] = time(() => {
    for (const tool of ['sha256sum', 'sha1sum', 'md5sum']) execFileSync(tool, [file], { stdio: ['ignore', 'ignore', 'inherit'] });
  });
  const c = initCase(path.join(work, 'case'), { name: 'bench' });
  const t0 = process.hrtime.bigint();
  await addEvidence(c, [file]);
  const shoko = Number(process.hrtime.bigint() - t0) / 1e9;
  c.close();

  const mb = bytes / 1e6;
  console.log(`file: ${(bytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(`sha256sum+sha1sum+md5sum in sequence: ${tools.toFixed(2)} s (${(mb / tools).toFixed(0)} MB/s)`);
  console.log(`shoko intake (hash x3 + copy + fsync + re-hash of the copy): ${shoko.toFixed(2)} s (${(mb / shoko).toFixed(0)} MB/s)`);
  console.log(`ratio (tools time / shoko time): ${(tools / shoko).toFixed(2)}  (goal >= 1.00)`);
  fs.rmSync(work, { recursive: true, force: true });
}

await main();
