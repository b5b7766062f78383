// One whole `triage`, as `shoko triage` runs it (same pipeline function, same stderr progress and
// tesseract filtering), timed per step and per progress phase. Run in a child process by run.ts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { filterTesseractNoise } from '../../main/cli/quiet-tesseract';
import { stderrProgress } from '../../main/cli/stderr-progress';
import { runShutdownHooks } from '../../main/common/shutdown';
import { runTriage } from '../../main/pipeline/triage';
import type { Progress } from '../../shared/model/progress';

export interface TriageFigures {
  totalS: number;
  /** Seconds per triage step (init, add, leaks, scan, redact, package, verify). */
  steps: Record<string, number>;
  /** Seconds per progress phase (extract, ocr, match, redact, package hash, verify…). */
  phases: Record<string, number>;
  peakMB: number;
  pages: number;
  hits: number;
  recordsInList: number;
  recordsPresent: number;
  pagesWithHits: number;
  redactedFiles: number;
  verified: boolean;
  /** The triage's "not sure" line (fields of found records not located on OCR pages), when it has one. */
  notSure?: string;
  /** Set when the triage stopped with an error (as `shoko triage` would print it); figures are those up to it. */
  error?: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export async function triageStage(book: string, list: string, out: string, key: string): Promise<TriageFigures> {
  filterTesseractNoise();
  const progress = stderrProgress();
  const steps: Record<string, number> = {};
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  let stepStart = t0;
  // The phase now running and since when: time is charged to it until another phase or a step line.
  let phase: string | null = null;
  let phaseStart = t0;
  const closePhase = (now: number) => {
    if (phase) phases[phase] = (phases[phase] ?? 0) + (now - phaseStart) / 1000;
    phase = null;
  };
  const onProgress = (p: Progress) => {
    progress(p);
    const name = p.phase.split(' ')[0];
    if (name === phase) return;
    const now = performance.now();
    closePhase(now);
    phase = name;
    phaseStart = now;
  };
  const onStep = (line: string) => {
    progress.end();
    const now = performance.now();
    closePhase(now);
    const name = /^\[\d+\/\d+\] (\w+):/.exec(line)?.[1] ?? line;
    steps[name] = r2((now - stepStart) / 1000);
    stepStart = now;
    // With the step's seconds and RSS so far, so a run stopped by hand still leaves its figures.
    process.stderr.write(`${line}  (${steps[name]} s; ${Math.round(process.resourceUsage().maxRSS / 1024)} MB peak so far)\n`);
  };
  try {
    let error: string | undefined;
    const s = await runTriage({ files: [book], leaks: list, key, out, onProgress, onStep }).catch((e: unknown) => {
      error = e instanceof Error ? e.message : String(e);
      return null;
    });
    const totalS = (performance.now() - t0) / 1000;
    closePhase(performance.now());
    const db = new Database(path.join(out, 'case', 'case.sqlite'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const pages = count('SELECT count(*) AS n FROM document_page');
    const hits = count('SELECT count(*) AS n FROM hit');
    // As scan counted them (detect.completed in the custody log), known even when a later step failed.
    const present = count("SELECT coalesce(sum(json_extract(details, '$.recordsPresent')), 0) AS n FROM custody_event WHERE action = 'detect.completed'");
    db.close();
    for (const k of Object.keys(phases)) phases[k] = r2(phases[k]);
    return {
      totalS: r2(totalS), steps, phases, peakMB: Math.round(process.resourceUsage().maxRSS / 1024), pages, hits,
      recordsInList: s?.recordsInList ?? -1, recordsPresent: s?.recordsPresent ?? present, pagesWithHits: s?.pagesWithHits ?? -1,
      redactedFiles: s?.redactedFiles ?? -1, verified: s?.verified ?? false, ...(s?.notSure ? { notSure: s.notSure } : {}), ...(error ? { error } : {}),
    };
  } finally {
    progress.end();
    await runShutdownHooks();
  }
}
