import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fitColumns, formatDuration, formatProgress, stderrProgress } from '../../main/cli/stderr-progress';
import { withEta } from '../../shared/model/progress';

describe('progress a person can plan with', () => {
  it('estimates what is left from the rate so far, and not before there is one', () => {
    let now = 0;
    const eta = withEta(() => now);
    expect(eta({ phase: 'ocr', done: 0, total: 300 }).etaSeconds).toBeUndefined();
    now = 1_000;
    expect(eta({ phase: 'ocr', done: 1, total: 300 }).etaSeconds).toBeUndefined(); // < 2 s: too early
    now = 30_000;
    expect(eta({ phase: 'ocr', done: 10, total: 300 }).etaSeconds).toBe(870); // 3 s a page, 290 to go
    now = 31_000;
    expect(eta({ phase: 'ocr', done: 300, total: 300 }).etaSeconds).toBeUndefined();
    // A new phase starts its own clock.
    expect(eta({ phase: 'match', done: 5, total: 300 }).etaSeconds).toBeUndefined();
  });

  it('one line: step, phase, pages done/total, percent, time left, subject', () => {
    const line = formatProgress({ phase: 'ocr', done: 120, total: 300, step: 4, steps: 7, etaSeconds: 190, subject: '#1 book.cbz' });
    expect(line).toBe('[4/7] ocr 120/300 pages 40%, about 3 min 10 s left · #1 book.cbz');
    expect(formatProgress({ phase: 'intake', done: 3 * 1024 * 1024, total: 8 * 1024 * 1024 })).toBe('intake 3.0 MiB/8.0 MiB 37%');
    expect(formatDuration(4000)).toBe('1 h 6 min');
    expect(formatDuration(42)).toBe('42 s');
  });

  it('leads with the whole job when the engine sends its overall fraction (a scan across items and phases)', () => {
    const line = formatProgress({ phase: 'ocr', done: 12, total: 40, etaSeconds: 700, subject: 'item 2/3 #7 x.cbz', overall: { fraction: 0.456, phase: 2, phases: 3 } });
    expect(line).toBe('45% overall, about 11 min 40 s left · ocr 12/40 pages (phase 2/3) · item 2/3 #7 x.cbz');
    expect(formatProgress({ phase: 'match', done: 3, total: 3, step: 4, steps: 7, overall: { fraction: 1, phase: 3, phases: 3 } })).toBe('[4/7] 100% overall · match 3/3 pages (phase 3/3)');
  });

  it('fits a terminal line counting wide characters twice', () => {
    expect(fitColumns('ocr 1/2 会員名簿', 80)).toBe('ocr 1/2 会員名簿');
    const cut = fitColumns(`ocr 1/2 ${'会'.repeat(50)}`, 40);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].reduce((w, ch) => w + (ch === '会' ? 2 : 1), 0)).toBeLessThanOrEqual(40);
  });

  it('writes throttled plain lines when stderr is not a terminal', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }) as unknown as NodeJS.WriteStream;
    const p = stderrProgress(sink);
    p({ phase: 'extract', done: 0, total: 3 });
    p({ phase: 'extract', done: 1, total: 3 }); // within 2 s of the last line: skipped
    p({ phase: 'extract', done: 3, total: 3 }); // finished: always shown
    p.end();
    expect(lines).toEqual(['extract 0/3 pages 0%\n', 'extract 3/3 pages 100%\n']);
  });
});
