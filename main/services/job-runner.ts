import { randomUUID } from 'node:crypto';
import type { JobEvent, JobKind, ShokoEvent } from '../../shared/ipc/types';
import { withEta, type Progress } from '../../shared/model/progress';
import { ShokoError, notFound } from '../common/errors';
import { toWireError } from '../../shared/ipc/errors';

export type Emit = (e: ShokoEvent) => void;

interface Job {
  kind: JobKind;
  controller: AbortController;
}

/**
 * Long work (scan, export, package) runs as a job: the request returns its id at once, progress and
 * the outcome arrive as events. One job of a kind at a time; progress events are thinned so a fast
 * loop does not flood the renderer.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  constructor(private readonly emit: Emit) {}

  start<T>(kind: JobKind, work: (ctx: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<T>): string {
    for (const j of this.jobs.values()) {
      if (j.kind === kind) throw new ShokoError('bad-input', `a ${kind} job is already running; wait for it or cancel it`);
    }
    const jobId = `${kind}-${randomUUID().slice(0, 8)}`;
    const controller = new AbortController();
    this.jobs.set(jobId, { kind, controller });
    let last = 0;
    // The engine's estimate of the time left (every event, also those not sent): for the whole job when the
    // work reports its overall fraction (a scan across items and phases), else from the phase's rate so far.
    const eta = withEta();
    const onProgress = (raw: Progress) => {
      const progress = eta(raw);
      const t = Date.now();
      const final = progress.total !== undefined && progress.done >= progress.total;
      if (!final && t - last < 100) return;
      last = t;
      this.emit({ type: 'job', jobId, kind, state: 'running', progress });
    };
    const event = (e: Omit<JobEvent, 'type' | 'jobId' | 'kind'>) => this.emit({ type: 'job', jobId, kind, ...e });
    // Start on the next turn so the caller has the id before the first event arrives.
    setImmediate(() => {
      if (controller.signal.aborted) {
        this.jobs.delete(jobId);
        event({ state: 'cancelled', error: 'cancelled', failure: { code: 'cancelled', message: 'cancelled' } });
        return;
      }
      event({ state: 'running', progress: { phase: kind, done: 0 } });
      work({ signal: controller.signal, onProgress }).then(
        (result) => event({ state: 'done', result }),
        (err: unknown) => {
          const wasCancelled = controller.signal.aborted || (err instanceof ShokoError && err.kind === 'cancelled');
          const failure = wasCancelled ? { ...toWireError(err), code: 'cancelled' as const } : toWireError(err);
          event({ state: wasCancelled ? 'cancelled' : 'failed', error: err instanceof Error ? err.message : String(err), failure });
        },
      ).finally(() => this.jobs.delete(jobId));
    });
    return jobId;
  }

  cancel(jobId: string): void {
    const j = this.jobs.get(jobId);
    if (!j) throw notFound(`no running job ${jobId}`);
    j.controller.abort();
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) j.controller.abort();
  }
}
