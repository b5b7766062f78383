import type { Command } from 'commander';
import { withCaseLocked } from '../../case/case-folder';
import { badInput } from '../../common/errors';
import { ENCODING_CHOICES, type EncodingChoice } from '../../detect/leaks/decode';
import { importLeakList } from '../../detect/leaks/import-list';
import { commitListFile } from '../../claims/commit-list';
import type { CliContext } from '../cli-context';

const STORED = `What the case stores: the list file's SHA-256, size, name and path, its format/encoding, the
column mapping, the row count and the bad rows' line numbers; per record its key (the --key column,
or the 1-based data row number) and an HMAC-SHA-256, with this case's secret key, of each normalized
field. The plaintext list is NOT copied into the case: matching ('shoko scan') re-reads the file and
refuses it if its SHA-256 changed, so keep the file. Choose a --key column that is not itself personal
data (a member ID, not an email).`;

export function register(program: Command, ctx: CliContext): void {
  const leaks = program.command('leaks').description('the leaked-record list a case looks for');
  leaks.command('import <dir> <file>')
    .description('import a leaked-record list (CSV/TSV in UTF-8, Shift_JIS/CP932 or EUC-JP; XLSX; JSON Lines)')
    .option('--key <column>', 'column holding the record key (header name or 1-based number); default: data row number')
    .option('--map <field=column,…>', 'column mapping over the guess; fields: name, name_kana, email, phone, postal_code, address, birth_date, company (field= unmaps)')
    .option('--encoding <enc>', `text encoding: ${ENCODING_CHOICES.join('|')}`, 'auto')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option('--salts <file>', 'adopt the salts of an earlier `shoko leaks commit` of this list (same root as then)')
    .addHelpText('after', `\n${STORED}`)
    .action(async (dir: string, file: string, o: { key?: string; map?: string; encoding: string; sheet?: string; salts?: string }) => {
      if (!(ENCODING_CHOICES as readonly string[]).includes(o.encoding)) throw badInput(`--encoding: "${o.encoding}" is not one of ${ENCODING_CHOICES.join(', ')}`);
      await withCaseLocked(dir, 'leaks import', async (c) => {
        const r = await importLeakList(c, file, { key: o.key, map: o.map, encoding: o.encoding as EncodingChoice, sheet: o.sheet, salts: o.salts,
          onProgress: ctx.progress, signal: ctx.signal });
        ctx.out(r, () => {
          const lines = [
            `${r.replaced ? 're-imported' : 'imported'} ${r.records} records from ${r.file}`,
            `  sha256   ${r.sha256}`,
            `  format   ${r.format}${r.encoding ? ` (${r.encoding})` : ''}${r.sheet ? ` sheet "${r.sheet}"` : ''}`,
            `  key      ${r.keyColumn ?? '(data row number)'}`,
            '  mapping:',
            ...Object.entries(r.mapping).map(([f, h]) => `    ${f.padEnd(12)} ← ${h}`),
            `  other columns (hashed, not matched): ${r.columns.filter((h) => !Object.values(r.mapping).includes(h) && h !== r.keyColumn).join(', ') || '(none)'}`,
          ];
          if (r.badRows.length) {
            lines.push(`  ${r.badRows.length} bad row(s) not imported:`);
            for (const b of r.badRows.slice(0, 50)) lines.push(`    line ${b.line}: ${b.reason}`);
            if (r.badRows.length > 50) lines.push(`    … ${r.badRows.length - 50} more (see --json)`);
          }
          lines.push('  stored: keys and HMAC-SHA-256 of normalized fields only; the list itself stays outside the case');
          lines.push('  committed: a signed Merkle root over salted field hashes (claims, docs/claims.md)');
          return lines.join('\n');
        });
      });
    });
  leaks.command('commit <file>')
    .description('commit to a member list without a case: a signed Merkle root and an RFC 3161 request to stamp, plus secret salts (docs/claims.md)')
    .requiredOption('--out <file>', 'the commitment to write; beside it .sig, .tsq, .pub.pem and the SECRET .salts.jsonl')
    .option('--key <column>', 'column holding the record key (header name or 1-based number); default: data row number')
    .option('--map <field=column,…>', 'column mapping over the guess')
    .option('--encoding <enc>', `text encoding: ${ENCODING_CHOICES.join('|')}`, 'auto')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .action(async (file: string, o: { out: string; key?: string; map?: string; encoding: string; sheet?: string }) => {
      if (!(ENCODING_CHOICES as readonly string[]).includes(o.encoding)) throw badInput(`--encoding: "${o.encoding}" is not one of ${ENCODING_CHOICES.join(', ')}`);
      const r = await commitListFile(file, o.out, { key: o.key, map: o.map, encoding: o.encoding as EncodingChoice, sheet: o.sheet });
      ctx.out(r, () => [
        `committed ${r.statement.records} records (${r.statement.leaves} leaves) of ${r.statement.list.name}`,
        `  root       ${r.statement.root}`,
        `  signed by  ${r.statement.examinerKey}`,
        `  files      ${r.files.commitment} (+ .sig, .pub.pem)`,
        `  stamp it   send ${r.files.request} to an accredited TSA (認定タイムスタンプ) and keep the reply`,
        `  SECRET     ${r.files.salts}: keep it with the list; 'shoko leaks import --salts' adopts it`,
      ].join('\n'));
    });
}
