// The renderer's only door to main: `window.rehearse.invoke(channel, request)` for the contract's
// channels. No raw ipcRenderer, no other channel; main validates every call again.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../shared/channels';

const allowed = new Set<string>(CHANNELS);

contextBridge.exposeInMainWorld('rehearse', {
  invoke: (channel: string, request: unknown) => {
    if (!allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `unknown channel ${JSON.stringify(channel)}` } });
    }
    return ipcRenderer.invoke(channel, request);
  },
});
