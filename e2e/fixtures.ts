// The e2e fixtures: the app under test on either target, a fresh data folder per test, and the fake
// microphone (REHEARSE_FAKE_MIC, or a spec's own `micFile`: any audio sox reads, converted to WAV and
// padded with silence because Chromium starts the file when the device opens and repeats its last 10 ms
// after the end).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, chromium, test as base, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { padWithSilence, toMono16k } from './support/audio-compare';

export type Target = 'chromium' | 'electron';

const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_FAKE_MIC = path.resolve(ROOT, '../shared/audio/jfk.wav');
export const TEST_MODEL = path.resolve(ROOT, '../shared/models/for-tests-ggml-base.en.bin');
const LEAD_SILENCE_SEC = 0.5;
const TAIL_SILENCE_SEC = 3;

export interface FakeMic {
  /** The speech file as given (converted to a 16 kHz mono WAV when it was another format). */
  source: string;
  /** What Chromium plays: the source with silence before and after. */
  fed: string;
  fedDurationMs: number;
}

export interface AppUnderTest {
  target: Target;
  page: Page;
  dataDir: string;
  recordingsDir: string;
  /** Ends the process that owns the services (browser host or Electron) abruptly, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same data folder and shows the app. */
  restart(): Promise<void>;
}

/** The Electron binary, when one is installed; never triggers electron's own download. */
export function findElectronBinary(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : null;
}

export function chromiumMicArgs(fedWav: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${fedWav}%noloop`];
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

async function soxDurationMs(file: string): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  return Math.round(Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim()) * 1000);
}

class BrowserHostProcess {
  private child: ChildProcess | null = null;
  url = '';
  private port = 0;

  constructor(
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<string> {
    const child = spawn(process.execPath, [path.join(ROOT, 'out/main/host.js'), '--port', String(this.port)], {
      env: { ...process.env, ...this.env, REHEARSE_DATA_DIR: this.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
    this.url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (data: Buffer) => {
        stdout += data.toString();
        const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`browser host exited (${code}) before it was ready: ${stderr}`)));
    });
    this.port = Number(new URL(this.url).port);
    return this.url;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

async function launchChromiumApp(
  dataDir: string,
  mic: FakeMic,
  env: Record<string, string>,
): Promise<AppUnderTest & { close(): Promise<void> }> {
  const host = new BrowserHostProcess(dataDir, env);
  const url = await host.start();
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...chromiumMicArgs(mic.fed)],
  });
  const page = await browser.newPage();
  await page.goto(url);
  return {
    target: 'chromium',
    page,
    dataDir,
    recordingsDir: path.join(dataDir, 'recordings'),
    kill: () => host.kill('SIGKILL'),
    restart: async () => {
      await host.start();
      await page.reload();
    },
    close: async () => {
      await browser.close();
      await host.kill('SIGTERM');
    },
  };
}

async function launchElectronApp(
  binary: string,
  dataDir: string,
  mic: FakeMic,
  extraEnv: Record<string, string>,
): Promise<AppUnderTest & { close(): Promise<void> }> {
  let app: ElectronApplication;
  const launch = async () => {
    app = await _electron.launch({
      executablePath: binary,
      args: [ROOT, ...chromiumMicArgs(mic.fed)],
      env: { ...process.env, ...extraEnv, REHEARSE_DATA_DIR: dataDir } as Record<string, string>,
    });
    return app.firstWindow();
  };
  const target: AppUnderTest & { close(): Promise<void> } = {
    target: 'electron',
    page: await launch(),
    dataDir,
    recordingsDir: path.join(dataDir, 'recordings'),
    kill: async () => {
      const child = app.process();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      target.page = await launch();
    },
    close: async () => {
      await app.close().catch(() => undefined);
    },
  };
  return target;
}

export const test = base.extend<
  {
    micFile: string;
    fakeMic: FakeMic;
    dataDir: string;
    dataDirParent: string | null;
    app: AppUnderTest;
    withModel: boolean;
    appEnv: Record<string, string>;
  },
  { target: Target; paddedMicCache: Map<string, FakeMic> }
>({
  target: ['chromium', { option: true, scope: 'worker' }],
  paddedMicCache: [async ({}, use) => use(new Map()), { scope: 'worker' }],

  /** What the fake microphone plays: any file sox reads (a FLAC of the hesitation test set, say). */
  micFile: [process.env.REHEARSE_FAKE_MIC ?? DEFAULT_FAKE_MIC, { option: true }],

  fakeMic: async ({ micFile, paddedMicCache }, use) => {
    const given = path.resolve(micFile);
    let mic = paddedMicCache.get(given);
    if (!mic) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-mic-'));
      const source = given.toLowerCase().endsWith('.wav') ? given : path.join(dir, 'source.wav');
      if (source !== given) await toMono16k(given, source);
      const fed = path.join(dir, 'fed.wav');
      await padWithSilence(source, fed, LEAD_SILENCE_SEC, TAIL_SILENCE_SEC);
      mic = { source, fed, fedDurationMs: await soxDurationMs(fed) };
      paddedMicCache.set(given, mic);
    }
    await use(mic);
  },

  /** Start with a speech model installed (as after a download); false to see the first-run path. */
  withModel: [true, { option: true }],
  /** Extra environment for the process that runs the services. */
  appEnv: [{}, { option: true }],

  /** Where the fresh data folder is made (a spec's own file system, e.g. a small tmpfs); the temp folder when null. */
  dataDirParent: [null, { option: true }],

  dataDir: async ({ withModel, dataDirParent }, use) => {
    if (process.env.REHEARSE_DATA_DIR && !dataDirParent) {
      await fs.mkdir(process.env.REHEARSE_DATA_DIR, { recursive: true });
      await use(path.resolve(process.env.REHEARSE_DATA_DIR));
      return;
    }
    const dir = await fs.mkdtemp(path.join(dataDirParent ?? os.tmpdir(), 'rehearse-data-'));
    // A speech model installed as the app would have it after a download: the whisper.cpp test model
    // (real architecture, no trained weights: it runs at real cost and recognises nothing).
    if (withModel) {
      await fs.mkdir(path.join(dir, 'models'));
      await fs.copyFile(TEST_MODEL, path.join(dir, 'models', 'ggml-base.en.bin'));
    }
    await use(dir);
    await fs.rm(dir, { recursive: true, force: true });
  },

  app: async ({ target, dataDir, fakeMic, appEnv }, use, testInfo) => {
    let app: AppUnderTest & { close(): Promise<void> };
    if (target === 'electron') {
      const binary = findElectronBinary();
      testInfo.skip(
        binary === null,
        'No Electron binary is installed (node_modules/electron/path.txt is missing; its download needs the internet). ' +
          'Run `npx install-electron` where the internet is reachable to run this target.',
      );
      app = await launchElectronApp(binary as string, dataDir, fakeMic, appEnv);
    } else {
      app = await launchChromiumApp(dataDir, fakeMic, appEnv);
    }
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';
