import type { Command } from 'commander';
import { withCase } from '../../case/case-folder';
import { exportClaims, verifyClaimsAt } from '../../claims/export-claims';
import type { ClaimsVerdict } from '../../claims/verify-claims';
import type { CliContext } from '../cli-context';
import { refuseOutputInEvidence } from '../../case/output-paths';

export function register(program: Command, ctx: CliContext): void {
  const claims = program.command('claims').description('prove "these are our members" to a platform or the police without handing over the list (docs/claims.md)');
  claims.command('export <dir>')
    .description('write the claims of every present record (values, salts, Merkle paths, signed commitment, verify_claims.py) as one zip')
    .requiredOption('--out <claims.zip>', 'the bundle to write (never overwritten)')
    .option('--leaks <file>', 'where the imported list is now, if it moved (it is re-read and hash-checked)')
    .action(async (dir: string, o: { out: string; leaks?: string }) => {
      await withCase(dir, async (c) => {
        refuseOutputInEvidence(c, o.out, 'a claims bundle');
        const r = await exportClaims(c, o.out, { listPath: o.leaks, signal: ctx.signal });
        ctx.out(r, () => [
          `claims bundle ${r.file}`,
          `  sha256 ${r.sha256} (${r.size} bytes)`,
          ...r.lists.map((l) => `  list #${l.setId}: ${l.records} record(s), ${l.claims} claim(s)${l.unclaimed ? `, ${l.unclaimed} hit(s) not claimable (see claims.json)` : ''}; root ${l.root}`),
          ...r.skipped.map((s) => `  list #${s.setId} ${s.list}: no claims: ${s.reason}`),
          '  check it without Shoko: python3 verify_claims.py claims.zip [--book <copy of the book>]',
        ].join('\n'));
      });
    });
  claims.command('verify <path>')
    .description('check a claims zip or folder, or the claims in an evidence package (exit 1 when any claim fails)')
    .action(async (target: string) => {
      const v = await verifyClaimsAt(target);
      if (!v.ok) ctx.setExitCode(1);
      ctx.out({ ok: v.ok, lists: v.lists, claims: v.claims, books: Object.fromEntries(v.books) }, () => describeClaimsVerdict(v));
    });
}

export function describeClaimsVerdict(v: ClaimsVerdict): string {
  const lines: string[] = [];
  for (const l of v.lists) {
    lines.push(l.ok ? `${l.dir}: commitment signed by ${l.examinerKey}, ${l.records} records, root ${l.root}` : `${l.dir}: FAILED: ${l.problems.join('; ')}`);
  }
  for (const c of v.claims) {
    lines.push(c.ok ? `  page ${c.pages}: record ${c.record} ${c.field} matches the committed list${c.textExact ? '' : ' (page text differs: OCR-tolerant match)'}`
      : `  FAILED page ${c.pages}: record ${c.record} ${c.field}: ${c.reason}`);
  }
  const ok = v.claims.filter((c) => c.ok).length;
  lines.push(`${ok} of ${v.claims.length} claims verified, ${new Set(v.claims.filter((c) => c.ok).map((c) => `${c.list}\0${c.record}`)).size} record(s); ${v.ok ? 'verified' : 'NOT verified'}`);
  return lines.join('\n');
}
