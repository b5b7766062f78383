import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../common/app-version';
import { ShokoError, systemError } from '../common/errors';
import { runShutdownHooks } from '../common/shutdown';
import type { CliContext } from './cli-context';
import { COMMANDS, type CommandEntry } from './commands/index';
import { filterTesseractNoise } from './quiet-tesseract';
import { stderrProgress } from './stderr-progress';
import { terminalSafe } from './terminal-text';

/**
 * The command modules this invocation needs: only the named command (each pulls in its part of the
 * engine: MuPDF, SQLite, ExcelJS… take most of a second to load together), none for --version, and
 * all of them for help and for anything commander must answer with the list (unknown command, none).
 * The only global option, --json, takes no value, so the first word not starting with '-' is the command.
 */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  const args = argv.slice(2);
  const word = args.find((a) => !a.startsWith('-'));
  const named = word === undefined ? undefined : COMMANDS.find((c) => c.name === word);
  if (named) return [named];
  if (word === undefined && args.some((a) => a === '-V' || a === '--version') && !args.some((a) => a === '-h' || a === '--help')) return [];
  return COMMANDS;
}

/** Runs the `shoko` command line; returns the exit code (0 ok, 1 findings/verification failure, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('shoko')
    .description('Shoko (証拠): offline forensic triage of collected ebooks for leaked personal data')
    .version(APP_VERSION)
    .option('--json', 'machine-readable output on stdout (progress stays on stderr)')
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });

  filterTesseractNoise();
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nshoko: cancelling… (Ctrl-C again to quit at once)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);

  const progress = stderrProgress();
  let exitCode = 0;
  const ctx: CliContext = {
    json: () => Boolean(program.opts().json),
    out: (value, text) => {
      progress.end();
      if (ctx.json() || text === undefined) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else process.stdout.write(`${terminalSafe(typeof text === 'function' ? text() : text)}\n`);
    },
    note: (line) => {
      progress.end();
      process.stderr.write(`${terminalSafe(line)}\n`);
    },
    progress,
    signal: abort.signal,
    setExitCode: (code) => { exitCode = Math.max(exitCode, code); },
  };
  for (const entry of commandsFor(argv)) (await entry.load()).register(program, ctx);

  try {
    await program.parseAsync(argv);
    progress.end();
    return exitCode;
  } catch (err) {
    progress.end();
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors are bad input.
      return err.exitCode === 0 ? 0 : 2;
    }
    const known = err instanceof ShokoError ? err : systemError(err);
    if (known) {
      process.stderr.write(`shoko: ${terminalSafe(known.message)}\n`);
      return known.exitCode;
    }
    process.stderr.write(`shoko: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return 70;
  } finally {
    process.off('SIGINT', onSigint);
    await runShutdownHooks();
  }
}
