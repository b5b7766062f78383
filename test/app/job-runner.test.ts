import { describe, expect, it } from 'vitest';
import { throwIfCancelled } from '../../main/common/errors';
import { JobRunner } from '../../main/services/job-runner';
import type { JobEvent, ShokoEvent } from '../../shared/ipc/types';

const settle = (events: ShokoEvent[], jobId: string) => new Promise<JobEvent>((resolve) => {
  const t = setInterval(() => {
    const last = events.filter((e): e is JobEvent => e.type === 'job' && e.jobId === jobId).at(-1);
    if (last && last.state !== 'running') { clearInterval(t); resolve(last); }
  }, 5);
});

describe('jobs', () => {
  it('reports running, progress and the result', async () => {
    const events: ShokoEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    const id = jobs.start('scan', async ({ onProgress }) => { onProgress({ phase: 'extract', done: 1, total: 1 }); return { hits: 3 }; });
    expect(id).toMatch(/^scan-[0-9a-f]{8}$/);
    const end = await settle(events, id);
    expect(end).toMatchObject({ state: 'done', result: { hits: 3 } });
    expect(events.some((e) => e.type === 'job' && e.progress?.phase === 'extract')).toBe(true);
  });

  it('cancels through the signal and refuses a second job of the same kind meanwhile', async () => {
    const events: ShokoEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    let started!: () => void;
    const running = new Promise<void>((r) => { started = r; });
    const id = jobs.start('export', ({ signal }) => new Promise((_, reject) => {
      signal.addEventListener('abort', () => { try { throwIfCancelled(signal); } catch (err) { reject(err); } });
      started();
    }));
    expect(() => jobs.start('export', async () => null)).toThrow(/already running/);
    await running;
    jobs.cancel(id);
    expect(await settle(events, id)).toMatchObject({ state: 'cancelled' });
    expect(() => jobs.cancel(id)).toThrow(/no running job/);
  });

  it('never starts a job cancelled before its first turn', async () => {
    const events: ShokoEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    let ran = false;
    const id = jobs.start('scan', async () => { ran = true; });
    jobs.cancel(id);
    expect(await settle(events, id)).toMatchObject({ state: 'cancelled' });
    expect(ran).toBe(false);
  });

  it('reports a failure with its message', async () => {
    const events: ShokoEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    const id = jobs.start('package', async () => { throw new Error('/x: already exists'); });
    expect(await settle(events, id)).toMatchObject({ state: 'failed', error: '/x: already exists' });
  });
});
