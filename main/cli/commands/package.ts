import type { Command } from 'commander';
import { withCaseLocked } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { buildPackage } from '../../evidence/bag/build-package';
import type { CliContext } from '../cli-context';
import { refuseOutputInEvidence } from '../../case/output-paths';

export function register(program: Command, ctx: CliContext): void {
  program.command('package <case>')
    .description('build the evidence package: a BagIt 1.0 bag (folder, or bag.zip) with originals, redacted exports, findings, provenance, custody log, report (ja/en), Ed25519 signature and an RFC 3161 timestamp request')
    .requiredOption('--out <path>', 'the bag folder to create, or a path ending in .zip for a bag.zip')
    .option('--include-originals <yes|no>', 'copy the originals into data/originals/', 'yes')
    .option('--redacted-only', 'package only redacted material (no originals)')
    .option('--contact-name <name>', 'Contact-Name in bag-info.txt (default: the examiner)')
    .option('--contact-email <email>', 'Contact-Email in bag-info.txt')
    .option('--description <text>', 'External-Description in bag-info.txt')
    .action(async (dir: string, o: { out: string; includeOriginals: string; redactedOnly?: boolean; contactName?: string; contactEmail?: string; description?: string }) => {
      if (!['yes', 'no'].includes(o.includeOriginals)) throw badInput(`--include-originals ${o.includeOriginals}: expected yes or no`);
      await withCaseLocked(dir, 'package', async (c) => {
        refuseOutputInEvidence(c, o.out, 'a package');
        const r = await buildPackage(c, {
          out: o.out, includeOriginals: o.includeOriginals === 'yes', redactedOnly: o.redactedOnly,
          contactName: o.contactName, contactEmail: o.contactEmail, description: o.description,
          onProgress: ctx.progress, signal: ctx.signal,
        });
        ctx.out(r, () => [
          `package written: ${r.path}`,
          r.sha256 ? `  bag.zip sha256          ${r.sha256}` : `  files                   ${r.files}`,
          `  tagmanifest-sha256.txt  ${r.tagmanifestSha256}`,
          `  Payload-Oxum            ${r.payloadOxum}`,
          `  signed by key           ${r.keyFingerprint}`,
          `  claims                  ${r.claims}`,
          '  timestamp request       timestamp/tagmanifest.tsq (send to a TSA, then: shoko timestamp import <bag> <reply.tsr>)',
        ].join('\n'));
      });
    });
}
