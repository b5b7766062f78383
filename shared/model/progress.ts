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
  /**
   * Estimated seconds left (set by `withEta`): until the whole job ends when `overall` is set, else
   * until this phase's `total` is reached.
   */
  etaSeconds?: number;
  /** Which item of the run this event is about (a scan goes item by item). */
  item?: { index: number; count: number; id: number; name: string };
  /**
   * The whole job across its phases and items, as a fraction of the expected work (pages weighted by
   * what each phase costs a page: main/pipeline/scan-progress.ts). Never goes back within a job.
   * `phase`/`phases`: where this phase sits among the item's phases (1-based).
   */
  overall?: { fraction: number; phase: number; phases: number };
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
  // The whole job: the rate of the overall fraction since the job's first event (phases and items in one clock).
  let jobStart: number | null = null;
  let jobStartFraction = 0;
  return (p) => {
    if (p.overall) {
      const t = now();
      if (jobStart === null) { jobStart = t; jobStartFraction = p.overall.fraction; }
      const elapsed = (t - jobStart) / 1000;
      const gained = p.overall.fraction - jobStartFraction;
      if (p.overall.fraction >= 1 || elapsed < 2 || gained <= 0) return { ...p, etaSeconds: undefined };
      return { ...p, etaSeconds: Math.round((elapsed / gained) * (1 - p.overall.fraction)) };
    }
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
