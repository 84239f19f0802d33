// The preload, imported for real against the shared fake of the `electron` module: the page gets
// `window.rehearse.invoke` for the contract's channels and nothing else.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/channels';
import { createFakeElectron, type FakeElectron } from '../test-support/fake-electron';

interface RehearseApi {
  invoke(channel: string, request: unknown): Promise<unknown>;
}

let electron: FakeElectron;
let api: RehearseApi;

beforeEach(async () => {
  electron = createFakeElectron({ appPath: '/nonexistent/app' });
  vi.resetModules();
  vi.doMock('electron', () => electron);
  await import('./index');
  api = electron.mainWorld.rehearse as RehearseApi;
  // Main's side of every channel: echoes what arrived, so the test sees exactly what was sent.
  for (const channel of CHANNELS) {
    electron.ipcMain.handle(channel, (_event, request: unknown) => ({ ok: true, value: { channel, request } }));
  }
});

afterEach(() => {
  vi.doUnmock('electron');
});

describe('window.rehearse', () => {
  it('is the only thing exposed, and holds exactly one function, invoke', () => {
    expect(Object.keys(electron.mainWorld)).toEqual(['rehearse']);
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
  });

  it.each(CHANNELS)('passes %s and its request to main unchanged', async (channel) => {
    const request = { takeId: 'take-abc123', bytes: new Uint8Array([1, 2, 3]) };
    expect(await api.invoke(channel, request)).toEqual({ ok: true, value: { channel, request } });
    expect(electron.ipcRenderer.calls).toEqual([{ channel, args: [request] }]);
  });

  it.each(['fs.readFile', 'APP.INFO', 'app.info ', '', '__proto__', 'constructor', 'toString', 'recording.start.x'])(
    'refuses %j, not a channel of the contract, without asking main',
    async (channel) => {
      expect(await api.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(electron.ipcRenderer.calls).toEqual([]);
    },
  );

  it('refuses a channel that is not a string, without asking main', async () => {
    for (const channel of [null, undefined, 1, ['app.info'], { toString: () => 'app.info' }]) {
      expect(await api.invoke(channel as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(electron.ipcRenderer.calls).toEqual([]);
  });
});
