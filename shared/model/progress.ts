/** Progress of a long job, reported from the engine to the CLI (stderr) or the UI (progress bars). */
export interface Progress {
  /** Short machine name of the step: 'intake', 'extract', 'ocr', 'match', 'redact', 'package'… */
  phase: string;
  done: number;
  total?: number;
  /** What is being worked on (file name, item id, page). */
  subject?: string;
  message?: string;
  /** Where this phase sits in a multi-step run (`triage`: step 4 of 7), for one overall line or bar. */
  step?: number;
  steps?: number;
  /** Estimated seconds until this phase's `total` is reached (set by `withEta`, from its rate so far). */
  etaSeconds?: number;
}

export type ProgressFn = (p: Progress) => void;

/** What `done`/`total` count in a phase, for display: pages, bytes or records. */
export function progressUnit(phase: string): 'pages' | 'bytes' | 'records' | '' {
  const name = phase.split(' ')[0];
  if (/^(extract|ocr|match|redact|render)$/.test(name)) return 'pages';
  if (/^(intake|hash|verify|copy|package)$/.test(name)) return 'bytes';
  if (name === 'leaks') return 'records';
  return '';
}

/**
 * Adds `etaSeconds` to progress events: the rate of the running phase so far (from its first event),
 * applied to what remains. No estimate before 2 s or before the first unit is done (too early to say),
 * and none without a total. A new phase (or a new total: the next file) restarts the clock.
 */
export function withEta(now: () => number = Date.now): (p: Progress) => Progress {
  let key = '';
  let start = 0;
  let startDone = 0;
  return (p) => {
    const k = `${p.phase}\u0000${p.total ?? ''}`;
    const t = now();
    if (k !== key || p.done < startDone) {
      key = k;
      start = t;
      startDone = p.done;
    }
    const elapsed = (t - start) / 1000;
    const progressed = p.done - startDone;
    if (p.total === undefined || p.done >= p.total || elapsed < 2 || progressed <= 0) return { ...p, etaSeconds: undefined };
    return { ...p, etaSeconds: Math.round((elapsed / progressed) * (p.total - p.done)) };
  };
}
