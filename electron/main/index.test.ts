// Electron's main process, imported for real against the shared fake of the `electron` module, with a
// built renderer and a data folder of its own per test: what the window may load, who may call the
// services, which permissions a page gets, where it may navigate, and that quitting keeps the take.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/channels';
import type { Result, TakeInfo } from '../shared/contract';
import { RecordingService } from '../services/recordings/recording-service';
import { CONTENT_SECURITY_POLICY } from '../services/security-policy';
import {
  createFakeElectron,
  FakeWebContents,
  type FakeApp,
  type FakeBrowserWindow,
  type FakeElectron,
} from '../test-support/fake-electron';

const FIXTURE = path.join(__dirname, '../services/audio/__fixtures__/mediarecorder-pcm.webm');
const INDEX_HTML = '<!doctype html><title>Rehearse under test</title>';
const APP_JS = 'console.log("renderer")';
/** Files beside the renderer that no URL may reach. */
const MAIN_JS = '/* main process code: not for the page */';
const SECRET = 'not for the page';

let base: string;
let appPath: string;
let dataDir: string;
let electron: FakeElectron;
let window: FakeBrowserWindow;

/** Imports main afresh against a new fake and makes Electron ready. */
async function importMain(instances?: { holder: FakeApp | null }): Promise<void> {
  electron = createFakeElectron({ appPath, version: '9.8.7', instances });
  vi.resetModules();
  vi.doMock('electron', () => electron);
  await import('./index');
  electron.app.becomeReady();
}

/** Starts main and waits for its window. */
async function startMain(): Promise<void> {
  await importMain();
  await vi.waitFor(() => expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1));
  window = electron.BrowserWindow.getAllWindows()[0] as FakeBrowserWindow;
}

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-main-'));
  appPath = path.join(base, 'app');
  const out = path.join(appPath, 'out');
  await mkdir(path.join(out, 'renderer', 'assets'), { recursive: true });
  await mkdir(path.join(out, 'main'), { recursive: true });
  await mkdir(path.join(out, 'preload'), { recursive: true });
  await writeFile(path.join(out, 'renderer', 'index.html'), INDEX_HTML);
  await writeFile(path.join(out, 'renderer', 'assets', 'app.js'), APP_JS);
  await writeFile(path.join(out, 'main', 'index.js'), MAIN_JS);
  await writeFile(path.join(out, 'preload', 'index.js'), '');
  await writeFile(path.join(appPath, 'package.json'), '{"main":"out/main/index.js"}');
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  dataDir = path.join(base, 'data');
  vi.stubEnv('REHEARSE_DATA_DIR', dataDir);
});

afterEach(async () => {
  // Quit as the person would, so the services close the files they hold.
  if (electron.app.exitCode === null) {
    electron.app.userQuits();
    await vi.waitFor(() => expect(electron.app.exitCode).not.toBeNull());
  }
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(base, { recursive: true, force: true });
});

/** `ipcRenderer.invoke` from `sender` (our window unless given), from a frame showing `frameUrl`. */
function call(channel: string, payload: unknown, from: { sender?: FakeWebContents; frameUrl?: string } = {}): Promise<Result<unknown>> {
  return electron.ipcMain.invokeFrom({ sender: from.sender ?? window.webContents, frameUrl: from.frameUrl }, channel, payload) as Promise<
    Result<unknown>
  >;
}

function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function webmChunks(): Promise<Uint8Array[]> {
  const webm = new Uint8Array(await readFile(FIXTURE));
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < webm.length; at += 16 * 1024) chunks.push(webm.slice(at, at + 16 * 1024));
  return chunks;
}

/** Starts a take from our window and sends it `count` chunks of the fixture (all unless given). */
async function recordFrom(chunks: Uint8Array[], count = chunks.length): Promise<{ takeId: string; writtenMs: number }> {
  const { takeId } = valueOf<{ takeId: string }>(await call('recording.start', { questionId: 'q-main' }));
  let writtenMs = 0;
  for (let seq = 0; seq < count; seq++) {
    writtenMs = valueOf<{ writtenMs: number }>(await call('recording.chunk', { takeId, seq, bytes: chunks[seq] })).writtenMs;
  }
  return { takeId, writtenMs };
}

async function body(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('the rehearse://app protocol', () => {
  beforeEach(startMain);

  it('serves the renderer: index.html at / and at /index.html, with the content security policy', async () => {
    for (const url of ['rehearse://app/', 'rehearse://app/index.html', 'rehearse://app/index.html?x=1']) {
      const response = await electron.protocol.fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await body(response)).toString('utf8')).toBe(INDEX_HTML);
    }
  });

  it('serves a script with its content type', async () => {
    const response = await electron.protocol.fetch('rehearse://app/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await body(response)).toString('utf8')).toBe(APP_JS);
  });

  it.each([
    'rehearse://app/../main/index.js',
    'rehearse://app/%2e%2e/main/index.js',
    'rehearse://app/..%2fmain%2findex.js',
    'rehearse://app/..%2F..%2Fsecret.txt',
    'rehearse://app/assets/..%2f..%2fmain/index.js',
    'rehearse://app/%2e%2e%2f%2e%2e%2fpackage.json',
    'rehearse://app/..\\main\\index.js',
    'rehearse://app/..%5cmain%5cindex.js',
    'rehearse://app/..%5c..%5csecret.txt',
    'rehearse://app/index.html%00.js',
  ])('refuses %s, outside the renderer folder, with 404', async (url) => {
    const response = await electron.protocol.fetch(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const text = (await body(response)).toString('utf8');
    expect(text).not.toContain(MAIN_JS);
    expect(text).not.toContain(SECRET);
  });

  it.each(['rehearse://app/assets', 'rehearse://app/assets/', 'rehearse://app/assets/%2e/', 'rehearse://app/..%2f'])(
    'answers the folder %s with 404, never its listing',
    async (url) => {
      const response = await electron.protocol.fetch(url);
      expect(response.status).toBe(404);
      expect((await body(response)).toString('utf8')).toBe('not found');
    },
  );

  it.each([
    'rehearse://evil/index.html',
    'rehearse://app.evil/index.html',
    'rehearse://app:8080/index.html',
    'rehearse://evil/media/x.wav',
  ])('refuses %s, not our origin, with 404', async (url) => {
    const response = await electron.protocol.fetch(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await body(response)).toString('utf8')).not.toContain(INDEX_HTML);
  });

  it.each(['rehearse://user@app/', 'rehearse://user:pass@app/index.html'])('serves nothing for %s, a URL with credentials', async (url) => {
    // Electron cannot make a Request of such a URL and fails it before main's handler (which would
    // answer 404: isAppUrl refuses credentials, see security-policy.test.ts).
    const response = await electron.protocol.fetch(url);
    expect(response.ok).toBe(false);
    expect((await body(response)).toString('utf8')).not.toContain(INDEX_HTML);
  });

  it('serves a take recorded through IPC at rehearse://app/media/<take>.wav, whole and by range', async () => {
    const { takeId } = await recordFrom(await webmChunks());
    const take = valueOf<TakeInfo>(await call('recording.stop', { takeId }));
    const onDisk = await readFile(path.join(dataDir, 'recordings', take.fileName));
    const url = `rehearse://app/media/${take.fileName}`;

    const whole = await electron.protocol.fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await body(whole)).equals(onDisk)).toBe(true);

    const ranged = await electron.protocol.fetch(url, { headers: { range: 'bytes=100-1099' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-1099/${onDisk.length}`);
    expect(ranged.headers.get('content-length')).toBe('1000');
    expect((await body(ranged)).equals(onDisk.subarray(100, 1100))).toBe(true);

    const tail = await electron.protocol.fetch(url, { headers: { range: 'bytes=-44' } });
    expect(tail.status).toBe(206);
    expect((await body(tail)).equals(onDisk.subarray(onDisk.length - 44))).toBe(true);

    const beyond = await electron.protocol.fetch(url, { headers: { range: `bytes=${onDisk.length}-` } });
    expect(beyond.status).toBe(416);
  });

  it('does not serve a take that is still being recorded', async () => {
    const { takeId } = await recordFrom(await webmChunks(), 2);
    expect((await electron.protocol.fetch(`rehearse://app/media/${takeId}.wav`)).status).toBe(404);
    expect((await electron.protocol.fetch(`rehearse://app/media/${takeId}.wav.partial`)).status).toBe(404);
  });
});

describe('IPC', () => {
  beforeEach(startMain);

  it('handles every channel of the contract, and no other', () => {
    expect(electron.ipcMain.channels().sort()).toEqual([...CHANNELS].sort());
  });

  it('answers our window: app.info, and recording.start creates a take', async () => {
    expect(await call('app.info', {})).toEqual({ ok: true, value: { version: '9.8.7', host: 'electron' } });
    const { takeId } = valueOf<{ takeId: string }>(await call('recording.start', { questionId: 'q1' }));
    expect(await readdir(path.join(dataDir, 'recordings'))).toContain(`${takeId}.wav.partial`);
  });

  it('answers a page that calls through the preload', async () => {
    await import('../preload/index');
    const api = electron.mainWorld.rehearse as { invoke(channel: string, request: unknown): Promise<unknown> };
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: { version: '9.8.7', host: 'electron' } });
  });

  it('backs up where the save dialog says and restores what the open dialog picks (a zip); Cancel in the dialog restores nothing', async () => {
    const zip = path.join(base, 'chosen', 'my backup.zip');
    await mkdir(path.dirname(zip));
    const saveDialog = vi.spyOn(electron.dialog, 'showSaveDialog').mockResolvedValue({ canceled: false, filePath: zip });
    const records = { format: 'rehearse-records', version: 1, questions: [], attempts: [], transcripts: [], hesitations: [], loops: [] };
    const made = await call('backup.create', { records: new TextEncoder().encode(JSON.stringify(records)) });
    expect(made).toMatchObject({ ok: true, value: { saved: true, path: zip, takes: 0 } });
    expect(saveDialog.mock.calls[0]?.at(-1)).toMatchObject({
      defaultPath: expect.stringMatching(/rehearse-backup-\d{4}-\d{2}-\d{2}\.zip$/),
    });

    const openDialog = vi.spyOn(electron.dialog, 'showOpenDialog').mockResolvedValue({ canceled: false, filePaths: [zip] as never[] });
    expect(await call('backup.files', {})).toEqual({ ok: true, value: { folder: null, files: [] } });
    expect(await call('backup.restore', {})).toEqual({
      ok: true,
      value: { restored: true, records, audioRestored: 0, audioAlreadyPresent: 0, audioConflicts: [] },
    });
    expect(openDialog.mock.calls[0]?.at(-1)).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['zip'] }] });
    // The renderer cannot name a file for the desktop app to read: only the dialog can.
    expect(await call('backup.restore', { fileName: 'my backup.zip' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    openDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await call('backup.restore', {})).toEqual({ ok: true, value: { restored: false } });
  });

  it.each([
    ['another web contents showing our page', () => ({ sender: loaded(new FakeWebContents(), 'rehearse://app/index.html') })],
    ['our window, from a frame of another site', () => ({ frameUrl: 'https://evil.example/' })],
    ['our window, from a look-alike host', () => ({ frameUrl: 'rehearse://app.evil/index.html' })],
    ['our window, from a URL with credentials', () => ({ frameUrl: 'rehearse://user@app/index.html' })],
    ['our window, from a file: page', () => ({ frameUrl: 'file:///tmp/index.html' })],
    ['our window, from a frame that is gone', () => ({ frameUrl: '' })],
  ])('refuses %s: forbidden, and no service is reached', async (_label, from) => {
    const started = await call('recording.start', { questionId: 'q-forbidden' }, from());
    expect(started).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('app.info', {}, from())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await readdir(path.join(dataDir, 'recordings'))).toEqual([]);
    expect(await call('recordings.list', {})).toEqual({ ok: true, value: [] });
  });
});

function loaded(contents: FakeWebContents, url: string): FakeWebContents {
  void contents.loadURL(url);
  return contents;
}

describe('permissions', () => {
  beforeEach(startMain);

  it('grants the microphone to our page, when asked and when checked', async () => {
    const session = electron.session.defaultSession;
    expect(await session.requestPermission('media', { requestingUrl: 'rehearse://app/index.html', mediaTypes: ['audio'] })).toBe(true);
    expect(session.checkPermission('media', 'rehearse://app', { mediaType: 'audio' })).toBe(true);
  });

  it.each([
    ['the camera', 'media', 'rehearse://app/index.html', ['video']],
    ['microphone and camera together', 'media', 'rehearse://app/index.html', ['audio', 'video']],
    ['media without saying which', 'media', 'rehearse://app/index.html', []],
    ['the microphone for another site', 'media', 'https://evil.example/', ['audio']],
    ['the microphone for a look-alike host', 'media', 'rehearse://app.evil/', ['audio']],
    ['notifications', 'notifications', 'rehearse://app/index.html', undefined],
    ['geolocation', 'geolocation', 'rehearse://app/index.html', undefined],
    ['the clipboard', 'clipboard-read', 'rehearse://app/index.html', undefined],
  ])('refuses %s', async (_label, permission, requestingUrl, mediaTypes) => {
    const details = mediaTypes ? { requestingUrl, mediaTypes } : { requestingUrl };
    expect(await electron.session.defaultSession.requestPermission(permission, details)).toBe(false);
  });

  it.each([
    ['the camera', 'media', 'rehearse://app', 'video'],
    ['the microphone for another site', 'media', 'https://evil.example', 'audio'],
    ['notifications', 'notifications', 'rehearse://app', undefined],
    ['geolocation', 'geolocation', 'rehearse://app', undefined],
  ])('says no when a page checks for %s', (_label, permission, origin, mediaType) => {
    expect(electron.session.defaultSession.checkPermission(permission, origin, mediaType ? { mediaType } : {})).toBe(false);
  });
});

describe('navigation and new windows', () => {
  beforeEach(startMain);

  it('keeps the window on our origin: navigation and redirects away are refused', () => {
    const contents = window.webContents;
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'rehearse://evil/index.html',
      'rehearse://user@app/',
      'about:blank',
    ]) {
      expect(contents.navigate(url), url).toBe(false);
      expect(contents.redirect(url), url).toBe(false);
    }
    expect(contents.getURL()).toBe('rehearse://app/index.html');
  });

  it('lets the window move within our origin', () => {
    expect(window.webContents.navigate('rehearse://app/index.html#/history')).toBe(true);
    expect(window.webContents.redirect('rehearse://app/index.html')).toBe(true);
  });

  it('refuses webviews and new windows, even of our own pages', () => {
    expect(window.webContents.attachWebview('https://evil.example/')).toBe(false);
    expect(window.webContents.openWindow('https://evil.example/')).toBe('deny');
    expect(window.webContents.openWindow('rehearse://app/index.html')).toBe('deny');
  });

  it('hardens every web contents, not only the first window', () => {
    const other = new electron.BrowserWindow({});
    expect(other.webContents.navigate('https://evil.example/')).toBe(false);
    expect(other.webContents.attachWebview('rehearse://app/index.html')).toBe(false);
    expect(other.webContents.openWindow('https://evil.example/')).toBe('deny');
  });
});

describe('the window', () => {
  beforeEach(startMain);

  it('is isolated and sandboxed, without Node, with web security and our preload from the build', () => {
    const preferences = window.options.webPreferences ?? {};
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(appPath, 'out', 'preload', 'index.js'),
    });
    for (const risky of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent']) {
      expect(preferences[risky], risky).not.toBe(true);
    }
    expect(existsSync(preferences.preload as string)).toBe(true);
  });

  it('shows our page from the app protocol, a privileged standard scheme that can stream', () => {
    expect(window.webContents.getURL()).toBe('rehearse://app/index.html');
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'rehearse', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, stream: true }) },
    ]);
  });
});

interface TakeOnDisk {
  partial: boolean;
  /** The .wav exists and its RIFF and data sizes are those of the file. */
  finalWithTrueSizes: boolean;
  dataBytes: number;
}

function takeOnDisk(takeId: string): TakeOnDisk {
  const dir = path.join(dataDir, 'recordings');
  const partial = existsSync(path.join(dir, `${takeId}.wav.partial`));
  const wavPath = path.join(dir, `${takeId}.wav`);
  if (!existsSync(wavPath)) return { partial, finalWithTrueSizes: false, dataBytes: 0 };
  const wav = readFileSync(wavPath);
  const riffBytes = wav.readUInt32LE(4);
  const dataBytes = wav.readUInt32LE(40);
  return { partial, finalWithTrueSizes: riffBytes === wav.length - 8 && dataBytes === wav.length - 44, dataBytes };
}

describe('quitting while a take is recording', () => {
  beforeEach(startMain);

  /** The take as it is on disk at each app.quit(), app.exit() and when the process ends. */
  function watchTheExit(takeId: string): { at: string; take: TakeOnDisk }[] {
    const seen: { at: string; take: TakeOnDisk }[] = [];
    const quit = electron.app.quit.bind(electron.app);
    const exit = electron.app.exit.bind(electron.app);
    vi.spyOn(electron.app, 'quit').mockImplementation(() => {
      seen.push({ at: 'app.quit', take: takeOnDisk(takeId) });
      quit();
    });
    vi.spyOn(electron.app, 'exit').mockImplementation((code) => {
      seen.push({ at: 'app.exit', take: takeOnDisk(takeId) });
      exit(code);
    });
    electron.app.onExit(() => seen.push({ at: 'exited', take: takeOnDisk(takeId) }));
    return seen;
  }

  /**
   * The take was final whenever the app could have ended: when the process exited, at every
   * app.exit() and at the app.quit() that let it go (an earlier app.quit() may be the request to quit).
   */
  async function expectFinishedBeforeExit(takeId: string, writtenMs: number, seen: { at: string; take: TakeOnDisk }[]): Promise<void> {
    await vi.waitFor(() => expect(electron.app.exitCode).toBe(0));
    const lastQuit = seen.filter((entry) => entry.at === 'app.quit').at(-1);
    const exits = seen.filter((entry) => entry.at !== 'app.quit');
    expect(exits.map((entry) => entry.at)).toContain('exited');
    for (const { at, take } of lastQuit ? [lastQuit, ...exits] : exits) {
      expect(take.partial, at).toBe(false);
      expect(take.finalWithTrueSizes, at).toBe(true);
      // 16 kHz mono 16-bit: every sample written while recording is in the file.
      expect(take.dataBytes, at).toBeGreaterThanOrEqual(Math.floor(writtenMs * 32));
    }
    // The next start finds a complete take, and nothing to recover.
    const next = await RecordingService.open(dataDir);
    expect(next.recovery.recovered).toEqual([]);
    expect(await next.list()).toMatchObject([{ takeId, status: 'complete' }]);
  }

  it('finishes the take (final header, renamed to .wav) before the app quits', async () => {
    const chunks = await webmChunks();
    const { takeId, writtenMs } = await recordFrom(chunks, Math.ceil(chunks.length / 2));
    expect(writtenMs).toBeGreaterThan(500);
    const seen = watchTheExit(takeId);

    expect(electron.app.userQuits()).toBe(true); // held back...
    expect(takeOnDisk(takeId).partial).toBe(true); // ...while the take is still being written
    await expectFinishedBeforeExit(takeId, writtenMs, seen);
    // The person asked to quit, so every app.quit() is main's own, made once the take was final.
    expect(seen.filter((entry) => entry.at === 'app.quit').every((entry) => entry.take.finalWithTrueSizes)).toBe(true);
  });

  it('still waits when quit is asked for again while the take is being finished', async () => {
    const chunks = await webmChunks();
    const { takeId, writtenMs } = await recordFrom(chunks, Math.ceil(chunks.length / 2));
    const seen = watchTheExit(takeId);

    expect(electron.app.userQuits()).toBe(true);
    expect(electron.app.userQuits()).toBe(true);
    await expectFinishedBeforeExit(takeId, writtenMs, seen);
  });

  it.skipIf(process.platform === 'darwin')('finishes the take when the window is closed (the app quits with it)', async () => {
    const chunks = await webmChunks();
    const { takeId, writtenMs } = await recordFrom(chunks, Math.ceil(chunks.length / 2));
    const seen = watchTheExit(takeId);

    window.close();
    await expectFinishedBeforeExit(takeId, writtenMs, seen);
  });
});

describe('a start that fails', () => {
  it('says why and exits, instead of running on without a window', async () => {
    const notAFolder = path.join(base, 'not-a-folder');
    await writeFile(notAFolder, '');
    vi.stubEnv('REHEARSE_DATA_DIR', notAFolder);
    await importMain();
    await vi.waitFor(() => expect(electron.app.exitCode).toBe(1));
    expect(electron.BrowserWindow.getAllWindows()).toEqual([]);
    expect(electron.dialog.errorBoxes).toEqual([{ title: 'Rehearse could not start', content: expect.stringContaining(notAFolder) }]);
  });
});

describe('one copy of the app per data folder', () => {
  it('a second copy quits at once and brings the first window forward; the first copy’s take is left alone', async () => {
    const instances: { holder: FakeApp | null } = { holder: null };
    await importMain(instances);
    await vi.waitFor(() => expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1));
    window = electron.BrowserWindow.getAllWindows()[0] as FakeBrowserWindow;
    const first = { electron, window };
    const chunks = await webmChunks();
    const { takeId, writtenMs } = await recordFrom(chunks, Math.ceil(chunks.length / 2));
    window.minimize();

    // The person double-clicks the app again.
    await importMain(instances);
    const second = electron;
    await vi.waitFor(() => expect(second.app.exitCode).not.toBeNull());
    expect(second.BrowserWindow.getAllWindows()).toEqual([]);
    expect(first.window.isMinimized()).toBe(false);
    expect(first.window.focused).toBe(true);
    // No start-up recovery ran on the take being recorded.
    expect(takeOnDisk(takeId).partial).toBe(true);

    ({ electron, window } = first);
    const stopped = valueOf<TakeInfo>(await call('recording.stop', { takeId }));
    expect(stopped).toMatchObject({ takeId, status: 'complete' });
    expect(stopped.durationMs).toBeGreaterThanOrEqual(Math.floor(writtenMs));
  });

  it('refuses, saying why, a data folder another Rehearse (the browser host) has open', async () => {
    await mkdir(dataDir, { recursive: true });
    // The lock of a process that is alive and not this one.
    await writeFile(path.join(dataDir, 'rehearse.lock'), JSON.stringify({ pid: process.ppid, startedAt: 1 }));
    await importMain();
    await vi.waitFor(() => expect(electron.app.exitCode).toBe(1));
    expect(electron.BrowserWindow.getAllWindows()).toEqual([]);
    expect(electron.dialog.errorBoxes).toEqual([{ title: 'Rehearse could not start', content: expect.stringMatching(/already open/) }]);
  });

  it('lets the folder go when it quits, so the next start takes it', async () => {
    await startMain();
    expect(existsSync(path.join(dataDir, 'rehearse.lock'))).toBe(true);
    electron.app.userQuits();
    await vi.waitFor(() => expect(electron.app.exitCode).toBe(0));
    expect(existsSync(path.join(dataDir, 'rehearse.lock'))).toBe(false);
  });
});
