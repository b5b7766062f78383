import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { isBagPath, verifyPackage, type PackageVerification } from '../../evidence/bag/verify-package';
import { verifyCase } from '../../evidence/verify-case';
import type { CheckLine } from '../../evidence/verify-case';
import type { CliContext } from '../cli-context';

const lines = (checks: CheckLine[]) => checks.map((x) => `${x.ok ? 'ok  ' : 'FAIL'} ${x.what}${x.detail ? `  (${x.detail})` : ''}`);

/** The two verdicts of a bag, one line each, before the overall answer. */
function verdicts(v: PackageVerification): string[] {
  const a = v.attestations;
  return [
    `RFC 8493:           ${v.rfc8493.valid ? `valid (BagIt ${v.rfc8493.version})` : `INVALID — ${v.rfc8493.reason}`}`,
    `Shoko attestations: ${a === 'none' ? 'none (not a Shoko bag)' : a === 'not checked' ? 'not checked (invalid bag)'
      : `${a.ok ? 'verified' : 'NOT VERIFIED'} (signature ${a.signature ? 'ok' : 'FAIL'}, custody ${a.custody ? 'ok' : 'FAIL'}, timestamp ${a.timestamp === 'none' ? 'none' : a.timestamp === 'granted' ? `granted${v.timestamp?.trusted ? ', trusted root' : ', TSA not validated against a trusted root'}` : 'FAIL'})`}`,
  ];
}

export function register(program: Command, ctx: CliContext): void {
  program.command('verify <path>')
    .description('re-check a case (evidence hashes, custody chain and its signed anchor, the store against the log) or a bag (bag folder or bag.zip): two verdicts, RFC 8493 validity and Shoko attestations (signature, key, custody, timestamp); exit 1 names the first failure')
    .option('--ca-file <pem>', 'CA certificate(s) of trusted TSAs for the timestamp reply (repeatable); default: $SHOKO_HOME/trust/tsa/', (v: string, prev: string[] = []) => [...prev, v])
    .action(async (target: string, o: { caFile?: string[] }) => {
      if (isBagPath(target)) {
        const v = await verifyPackage(target, { onProgress: ctx.progress, signal: ctx.signal, caFiles: o.caFile });
        ctx.out(v, () => [...lines(v.checks), ...verdicts(v), v.ok ? 'verified: all checks passed' : `NOT VERIFIED: ${v.failure}`].join('\n'));
        if (!v.ok) ctx.setExitCode(1);
        return;
      }
      await withCase(target, (c) => {
        const v = verifyCase(c, { onProgress: ctx.progress, signal: ctx.signal });
        ctx.out(v, () => [...lines(v.checks), v.ok ? 'verified: all checks passed' : `NOT VERIFIED: ${v.failure}`].join('\n'));
        if (!v.ok) ctx.setExitCode(1);
      });
    });
}
