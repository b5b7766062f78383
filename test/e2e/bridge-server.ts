// Test-only loopback bridge: serves the built renderer and exposes the same API the Electron preload
// exposes (invoke + events + assets), backed by the real engine facade. Listens on 127.0.0.1 only.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy, securityHeaders } from '../../main/app/csp-policy';
import { toWireError } from '../../main/app/ipc-policy';
import { mimeFor, resolveInside } from '../../main/app/protocol-policy';
import { dispatchEngine, readAsset, ShokoService } from '../../main/services/index';
import { isHostMethod, validateRequest, type EngineMethod, type HostMethod } from '../../shared/ipc/contract';
import type { Envelope, ShokoEvent } from '../../shared/ipc/types';

export interface Bridge {
  origin: string;
  /**
   * Where page images and exported files are served: a second loopback port, as Electron serves them
   * from their own scheme (shoko://case). Chromium allows 6 connections per origin: with one origin, slow
   * page renders would hold API calls back, which never happens over Electron's IPC.
   */
  assetOrigin: string;
  service: ShokoService;
  /** What the next OS file/folder dialog "returns" (the test plays the user picking files). */
  queueDialog(answer: string[] | string | null): void;
  clipboard: string[];
  /** Every request the bridge answered, as "METHOD path". */
  served: string[];
  close(): Promise<void>;
}

export async function startBridge(opts: { rendererDir: string; stateDir: string }): Promise<Bridge> {
  const sinks = new Set<http.ServerResponse>();
  const emit = (e: ShokoEvent) => {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const s of sinks) s.write(line);
  };
  const service = new ShokoService({ stateDir: opts.stateDir, emit });
  const dialogs: (string[] | string | null)[] = [];
  const clipboard: string[] = [];
  const served: string[] = [];
  let csp = '';

  const answerHost = (method: HostMethod, payload: unknown): unknown => {
    if (method === 'clipboard.write') {
      clipboard.push((payload as { text: string }).text);
      return null;
    }
    const next = dialogs.length ? dialogs.shift()! : null;
    if (method === 'dialog.openFiles') return Array.isArray(next) ? next : next ? [next] : [];
    return Array.isArray(next) ? (next[0] ?? null) : next;
  };

  const send = (res: http.ServerResponse, status: number, mime: string, body: string | Uint8Array) => {
    res.writeHead(status, { 'Content-Type': mime, 'Cache-Control': 'no-store', ...securityHeaders(csp) });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    served.push(`${req.method} ${url.pathname}`);
    void (async () => {
      if (req.method === 'POST' && url.pathname === '/api/invoke') {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        let envelope: Envelope<unknown>;
        try {
          const msg = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method?: unknown; payload?: unknown };
          const v = validateRequest(msg.method, msg.payload);
          if (!v.ok) envelope = { ok: false, error: { code: 'bad-input', message: v.error } };
          else if (isHostMethod(v.method)) envelope = { ok: true, value: answerHost(v.method, v.payload) };
          else envelope = { ok: true, value: await dispatchEngine(service, v.method as EngineMethod, v.payload as never) };
        } catch (err) {
          envelope = { ok: false, error: toWireError(err) };
        }
        return send(res, 200, 'application/json', JSON.stringify(envelope));
      }
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
      if (url.pathname === '/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sinks.add(res);
        req.on('close', () => sinks.delete(res));
        return;
      }
      if (url.pathname.startsWith('/asset/')) {
        const a = await readAsset(service, url.pathname.slice('/asset/'.length) + url.search);
        return send(res, a.status, a.mime, a.body);
      }
      if (url.pathname.startsWith('/app/')) {
        const r = resolveInside(opts.rendererDir, url.pathname.slice('/app/'.length) || 'index.html');
        if (!r.ok) return send(res, 403, 'text/plain', r.reason);
        if (!fs.existsSync(r.path)) return send(res, 404, 'text/plain', 'not found');
        return send(res, 200, mimeFor(r.path), fs.readFileSync(r.path));
      }
      return send(res, 404, 'text/plain', 'not found');
    })().catch((err: unknown) => send(res, 500, 'text/plain', String(err)));
  });

  const assets = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    served.push(`${req.method} asset:${url.pathname}`);
    if (req.method !== 'GET' || !url.pathname.startsWith('/asset/')) { res.writeHead(404); res.end('not found'); return; }
    // Images for the app's page from another origin, with the headers the app protocol sends for them.
    const sendAsset = (status: number, mime: string, body: string | Uint8Array) => {
      res.writeHead(status, { 'Content-Type': mime, 'Cache-Control': 'no-store', ...securityHeaders(csp, 'asset') });
      res.end(body);
    };
    void readAsset(service, url.pathname.slice('/asset/'.length) + url.search)
      .then((a) => sendAsset(a.status, a.mime, a.body), (err: unknown) => sendAsset(500, 'text/plain', String(err)));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => assets.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const assetOrigin = `http://127.0.0.1:${(assets.address() as AddressInfo).port}`;
  csp = contentSecurityPolicy({ self: [origin], assets: [assetOrigin] });
  return {
    origin,
    assetOrigin,
    service,
    queueDialog: (a) => { dialogs.push(a); },
    clipboard,
    served,
    close: async () => {
      for (const s of sinks) s.end();
      await service.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => assets.close(() => resolve()));
    },
  };
}

/**
 * The e2e stand-in for main/app/preload.ts, injected with page.addInitScript: the same window.shoko
 * shape, forwarding to the bridge over fetch and Server-Sent Events instead of Electron IPC.
 */
export function testPreloadScript(assetOrigin?: string): string {
  const assetBase = assetOrigin ? JSON.stringify(`${assetOrigin}/asset/`) : "location.origin + '/asset/'";
  return `(() => {
  const listeners = new Set();
  let source = null;
  const ensure = () => {
    if (source) return;
    source = new EventSource('/events');
    source.onmessage = (m) => { const e = JSON.parse(m.data); for (const l of listeners) l(e); };
  };
  const request = async (method, payload) =>
    (await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, payload }) })).json();
  // Stand-in for Electron's webUtils.getPathForFile: plain Chromium gives a dropped File no path, so
  // the test registers the path of each File it puts into a drag's DataTransfer.
  const droppedPaths = new WeakMap();
  Object.defineProperty(window, '__shokoTestFilePath', { value: (file, p) => { droppedPaths.set(file, p); } });
  const api = {
    async invoke(method, payload) {
      const r = await request(method, payload);
      if (r.ok) return r.value;
      const err = new Error(r.error.message); err.name = r.error.code; throw err;
    },
    request,
    onEvent(listener) { ensure(); listeners.add(listener); return () => listeners.delete(listener); },
    assetBase: ${assetBase},
    pathForFile(file) { return droppedPaths.get(file) ?? ''; },
  };
  Object.defineProperty(window, 'shoko', { value: Object.freeze(api), writable: false });
})();`;
}
