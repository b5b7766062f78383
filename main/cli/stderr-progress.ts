import { progressUnit, withEta, type Progress, type ProgressFn } from '../../shared/model/progress';

function fmt(n: number, phase: string): string {
  if (progressUnit(phase) === 'bytes' && n > 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return String(n);
}

/** 95 → "1 min 35 s", 4000 → "1 h 7 min": what a person plans with, not a stopwatch. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * One progress line: `[4/7] ocr 120/300 pages 40%, about 3 min 10 s left · item 1/1 #1 book.cbz — page 120`.
 * The step prefix appears in multi-step runs (triage), the estimate once the phase has a rate. When the
 * engine sends the job's overall fraction (a scan: items × phases weighted by pages), that leads and the
 * estimate is for the whole job: `[4/7] 23% overall, about 12 min left · ocr 120/300 pages (phase 2/3) · …`.
 */
export function formatProgress(p: Progress): string {
  const unit = progressUnit(p.phase);
  const count = p.total !== undefined
    ? ` ${fmt(p.done, p.phase)}/${fmt(p.total, p.phase)}${unit && unit !== 'bytes' ? ` ${unit}` : ''}`
    : ` ${fmt(p.done, p.phase)}`;
  const eta = p.etaSeconds !== undefined ? `, about ${formatDuration(p.etaSeconds)} left` : '';
  const step = p.step !== undefined && p.steps !== undefined ? `[${p.step}/${p.steps}] ` : '';
  const tail = `${p.subject ? ` · ${p.subject}` : ''}${p.message ? ` — ${p.message}` : ''}`;
  if (p.overall) {
    const o = p.overall;
    return `${step}${Math.floor(100 * o.fraction)}% overall${eta} · ${p.phase}${count} (phase ${o.phase}/${o.phases})${tail}`;
  }
  const pct = p.total ? ` ${Math.floor((100 * p.done) / Math.max(1, p.total))}%` : '';
  return `${step}${p.phase}${count}${pct}${eta}${tail}`;
}

/** Columns a string takes on a terminal: East Asian wide characters (kanji, kana, full-width forms) take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Cuts `s` to fit `columns` terminal columns, marking the cut with '…'. */
export function fitColumns(s: string, columns: number): string {
  if (displayWidth(s) < columns) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > columns - 2) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * Progress on stderr: one line rewritten in place on a terminal, throttled plain lines otherwise
 * (logs and CI), so stdout stays clean for --json.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressFn & { end(): void } {
  const tty = Boolean(stream.isTTY);
  const eta = withEta();
  let last = 0;
  let lastLine = '';
  const fn = ((event: Progress) => {
    const p = eta(event);
    const t = Date.now();
    const finished = p.total !== undefined && p.done >= p.total;
    if (!finished && t - last < (tty ? 100 : 2000)) return;
    last = t;
    let line = formatProgress(p);
    if (line === lastLine) return;
    lastLine = line;
    // On a terminal the line must fit, or every rewrite leaves a wrapped remnant above it.
    if (tty && stream.columns) line = fitColumns(line, stream.columns);
    if (tty) stream.write(`\r\x1b[K${line}`);
    else stream.write(`${line}\n`);
  }) as ProgressFn & { end(): void };
  fn.end = () => {
    if (tty && lastLine) stream.write('\n');
    lastLine = '';
  };
  return fn;
}
