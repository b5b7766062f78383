import { useEffect, useRef, useState } from 'react';
import type { Method, RequestOf } from '../../shared/ipc/contract';
import type { JobEvent, JobKind, ResponseOf, ShokoApi, ShokoEvent } from '../../shared/ipc/types';
import { ShokoCallError } from './errors';

declare global {
  interface Window {
    shoko: ShokoApi;
  }
}

/**
 * The one door to the engine: window.shoko, put there by the preload (or the e2e test preload).
 * A failure is thrown as a ShokoCallError carrying the engine's error code and detail.
 */
export async function call<M extends Method>(method: M, payload: RequestOf<M>): Promise<ResponseOf<M>> {
  const r = await window.shoko.request(method, payload);
  if (r.ok) return r.value;
  throw new ShokoCallError(r.error);
}

export function assetUrl(rel: string): string {
  return window.shoko.assetBase + rel;
}

export function pageImageUrl(itemId: number, page: number, dpi: number): string {
  return assetUrl(`page/${itemId}/${page}.png?dpi=${Math.round(dpi)}`);
}

/** A URL for a file under the case's exports/ folder, given its path relative to the case. */
export function caseFileUrl(relToCase: string): string {
  return assetUrl(`file/${relToCase.split(/[\\/]/).map(encodeURIComponent).join('/')}`);
}

export function useShokoEvents(listener: (e: ShokoEvent) => void, deps: unknown[] = []): void {
  useEffect(() => window.shoko.onEvent(listener), deps); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * The latest event of the job this screen started (by id), or of any job of the kind. A job's
 * events travel apart from the reply that names it (IPC events vs invoke replies), so a job that
 * fails at once can report before `track` learns its id: recent events are kept by id for that.
 */
export function useJob(kind: JobKind): [JobEvent | null, (jobId: string) => void] {
  // The job followed, in a ref: an event that arrives after track() but before the next render re-subscribes
  // (a job refused at once, e.g. a protected book's export) must not be matched against the previous job.
  const jobId = useRef<string | null>(null);
  const [last, setLast] = useState<JobEvent | null>(null);
  const recent = useRef(new Map<string, JobEvent>());
  useShokoEvents((e) => {
    if (e.type !== 'job' || e.kind !== kind) return;
    recent.current.delete(e.jobId);
    recent.current.set(e.jobId, e);
    if (recent.current.size > 16) recent.current.delete(recent.current.keys().next().value as string);
    if (jobId.current === null || e.jobId === jobId.current) setLast(e);
  }, [kind]);
  const track = (id: string) => {
    jobId.current = id;
    setLast(recent.current.get(id) ?? { type: 'job', jobId: id, kind, state: 'running' });
  };
  return [last, track];
}

/** Loads data once (and again when `deps` change); keeps the error for the screen to show. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((data) => live && setState({ data, error: null }), (error: unknown) => live && setState({ data: null, error }));
    return () => { live = false; };
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  return { ...state, reload: () => setTick((n) => n + 1) };
}
