import type { Progress, ProgressFn } from '../../shared/model/progress';

function fmt(n: number, phase: string): string {
  if (/intake|hash|verify|copy/.test(phase) && n > 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return String(n);
}

/**
 * Progress on stderr: one line rewritten in place on a terminal, throttled plain lines otherwise
 * (logs and CI), so stdout stays clean for --json.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressFn & { end(): void } {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let lastLine = '';
  const fn = ((p: Progress) => {
    const t = Date.now();
    const finished = p.total !== undefined && p.done >= p.total;
    if (!finished && t - last < (tty ? 100 : 2000)) return;
    last = t;
    const pct = p.total ? ` ${Math.floor((100 * p.done) / Math.max(1, p.total))}%` : '';
    const count = p.total !== undefined ? ` ${fmt(p.done, p.phase)}/${fmt(p.total, p.phase)}` : ` ${fmt(p.done, p.phase)}`;
    const line = `${p.phase}${count}${pct}${p.subject ? ` ${p.subject}` : ''}${p.message ? ` — ${p.message}` : ''}`;
    if (line === lastLine) return;
    lastLine = line;
    if (tty) stream.write(`\r\x1b[K${line}`);
    else stream.write(`${line}\n`);
  }) as ProgressFn & { end(): void };
  fn.end = () => {
    if (tty && lastLine) stream.write('\n');
    lastLine = '';
  };
  return fn;
}
