// The sandboxed preload: exposes one typed API on window.shoko and nothing else. It forwards
// `{ method, payload }` to main, where every payload is validated before it reaches the engine.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/channels';
import type { Envelope, ShokoApi, ShokoEvent } from '../../shared/ipc/types';

const api: ShokoApi = {
  async invoke(method, payload) {
    const r = (await ipcRenderer.invoke(IPC_INVOKE, { method, payload })) as Envelope<never>;
    if (r.ok) return r.value;
    const err = new Error(r.error.message);
    err.name = r.error.code;
    throw err;
  },
  // Plain data crosses the contextBridge intact (a thrown Error keeps only its message).
  async request(method, payload) {
    return (await ipcRenderer.invoke(IPC_INVOKE, { method, payload })) as Envelope<never>;
  },
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, ev: ShokoEvent) => listener(ev);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => { ipcRenderer.removeListener(IPC_EVENT, handler); };
  },
  assetBase: 'shoko://case/',
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('shoko', api);
