import type { Command } from 'commander';
import { formatTriageSummary, runTriage } from '../../pipeline/triage';
import type { CliContext } from '../cli-context';

export function register(program: Command, ctx: CliContext): void {
  program.command('triage <files...>')
    .description('all in one go: new case, add files, import the leak list, scan, redact every page with hits, build and verify the evidence package')
    .requiredOption('--leaks <list>', 'the leaked-record list (CSV/TSV/XLSX/JSONL)')
    .option('--key <column>', 'record-key column of the leak list (default: data row number)')
    .requiredOption('--out <dir>', 'new or empty folder: the case goes to <out>/case, the package to <out>/package')
    .option('--case-name <name>', 'case name')
    .option('--case-number <number>', 'case number (External-Identifier of the package)')
    .option('--examiner <name>', 'examiner')
    .option('--org <organization>', 'organization')
    .option('--source <text>', 'where the files were obtained')
    .option('--ocr <mode>', 'auto|always|never', 'auto')
    .option('--zip', 'write the package as <out>/package.zip')
    .action(async (files: string[], o: { leaks: string; key?: string; out: string; caseName?: string; caseNumber?: string; examiner?: string; org?: string; source?: string; ocr: 'auto' | 'always' | 'never'; zip?: boolean }) => {
      const s = await runTriage({
        files, leaks: o.leaks, key: o.key, out: o.out, caseName: o.caseName, caseNumber: o.caseNumber, examiner: o.examiner, organization: o.org,
        source: o.source, ocr: o.ocr, zip: o.zip, onProgress: ctx.progress, onStep: ctx.note, signal: ctx.signal,
      });
      ctx.out(s, () => formatTriageSummary(s));
      for (const line of [s.notReadWhole, s.notSure]) if (line && ctx.json()) ctx.note(line);
      // Exit 1 when the package did not verify, when not every item was read whole, or when a field of found
      // records was not located on some OCR pages (their redacted pages may still show it).
      if (!s.verified || s.notReadWhole || s.notSure) ctx.setExitCode(1);
    });
}
