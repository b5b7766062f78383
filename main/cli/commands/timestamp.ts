import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { importTimestampReply } from '../../evidence/timestamp/import-reply';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  const ts = program.command('timestamp').description('RFC 3161 timestamps of evidence packages');
  ts.command('import <bag> <reply>')
    .description('check a TSA reply (.tsr) against the bag\'s request (status, imprint, nonce, TSA signature) and store it as timestamp/tagmanifest.tsr')
    .option('--case <dir>', 'also record the reply and its time in this case (custody event)')
    .option('--ca-file <pem>', 'CA certificate(s) of the TSAs you trust (PEM/DER; repeatable); default: the trust store $SHOKO_HOME/trust/tsa/', (v: string, prev: string[] = []) => [...prev, v])
    .action(async (bag: string, reply: string, o: { case?: string; caFile?: string[] }) => {
      const opts = { caFiles: o.caFile };
      const r = o.case ? await withCase(o.case, (c) => importTimestampReply(bag, reply, c, opts)) : await importTimestampReply(bag, reply, undefined, opts);
      ctx.out(r, () => [
        `timestamp reply stored in ${r.bag} (${r.stored})`,
        `  genTime   ${r.genTime}`,
        `  serial    ${r.serial}`,
        r.signatureChecked ? `  TSA       ${r.signerSubject ?? r.tsa ?? '?'} (signature over the TSTInfo verifies)` : '  TSA       certificate not included in the reply: signature not checked',
        r.chainValidated ? '  trust     the TSA certificate chains to a trusted root' : '  trust     TSA not validated against a trusted root (give --ca-file, or put the TSA\'s CA in $SHOKO_HOME/trust/tsa/)',
        ...(r.zipSha256 ? [`  bag.zip sha256 is now ${r.zipSha256}`] : []),
      ].join('\n'));
    });
}
