// Run by decoys.test.ts in a fresh Node process: reads a ZIP with the default limits and prints how much
// its peak resident memory grew while doing so (memory, not time), and what was inflated.
import fs from 'node:fs';
import { readZip, type ZipMeter } from '../../main/documents/zip-archive';
import { DEFAULT_LIMITS } from '../../main/documents/types';

async function main(): Promise<void> {
  const bytes = new Uint8Array(fs.readFileSync(process.argv[2]!));
  const before = process.resourceUsage().maxRSS; // KiB
  const meter: ZipMeter = { inflated: 0 };
  let refused = '';
  try {
    await readZip(bytes, DEFAULT_LIMITS, meter);
  } catch (err) {
    refused = (err as Error).message;
  }
  const peakGrowthMb = (process.resourceUsage().maxRSS - before) / 1024;
  process.stdout.write(JSON.stringify({ refused, inflated: meter.inflated, peakGrowthMb }));
}

void main();
