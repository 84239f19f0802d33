// Electron glue only: the window, its security settings, the app protocol and the IPC bridge to the
// services. Everything the app does lives in ../services, which never imports electron.
import path from 'node:path';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../shared/channels';
import type { Result } from '../shared/contract';
import { appResponse, notFoundResponse, type AppFiles } from '../services/app-response';
import { createAppServices, type AppServices } from '../services/app-services';
import { resolveDataDir } from '../services/data-dir';
import { acquireDataLock } from '../services/data-lock';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, isPermissionAllowed, isPermissionCheckAllowed } from '../services/security-policy';

// The build (out/main, out/preload, out/renderer) sits beside package.json, whose "main" is
// out/main/index.js, and app.getAppPath() is the folder or asar holding package.json: in a checkout,
// in a packaged app, and in tests, where it is a temporary folder.
const buildDir = path.join(app.getAppPath(), 'out');
let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;
let releaseDataLock: () => Promise<void> = async () => undefined;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

/** `rehearse://app/…`: the same files and take audio the browser host serves, nothing for any other host. */
async function serveAppProtocol(files: AppFiles, request: Request): Promise<Response> {
  const served = isAppUrl(request.url)
    ? await appResponse(files, new URL(request.url).pathname, request.headers.get('range'))
    : notFoundResponse();
  const body = served.body ? (Readable.toWeb(served.body) as ReadableStream) : null;
  return new Response(body, { status: served.status, headers: served.headers });
}

/** Only our own window, showing our own origin, may call the services. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return mainWindow !== null && event.sender === mainWindow.webContents && isAppUrl(event.senderFrame?.url ?? '');
}

function registerIpc(current: AppServices): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event))
        return { ok: false, error: { code: 'forbidden', message: `${channel}: sender is not the Rehearse window` } };
      return current.dispatch(channel, payload);
    });
  }
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => {
      if (!isAppUrl(navigation.url)) navigation.preventDefault();
    });
    contents.on('will-redirect', (navigation) => {
      if (!isAppUrl(navigation.url)) navigation.preventDefault();
    });
    contents.on('will-attach-webview', (attach) => attach.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed(permission, details.requestingUrl, mediaTypes));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed(permission, requestingOrigin, 'mediaType' in details ? details.mediaType : undefined),
  );
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Rehearse',
    show: false,
    webPreferences: {
      preload: path.join(buildDir, 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

async function start(): Promise<void> {
  hardenContents();
  const dataDir = resolveDataDir();
  // Electron's lock covers copies of this app; the folder's own lock also covers the browser host
  // and a copy started with another REHEARSE_DATA_DIR pointing here.
  const lock = await acquireDataLock(dataDir);
  if (!lock.ok) throw new Error(lock.message);
  releaseDataLock = lock.release;
  const current = await createAppServices(dataDir, { version: app.getVersion(), host: 'electron' }, undefined, {
    pickModelFile: async () => {
      const options = { properties: ['openFile' as const], filters: [{ name: 'whisper.cpp model', extensions: ['bin'] }] };
      const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    pickSavePath: async (suggestedName) => {
      const options = { defaultPath: path.join(app.getPath('documents'), suggestedName) };
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const picked = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    },
    pickBackupFile: async () => {
      const options = { properties: ['openFile' as const], filters: [{ name: 'Rehearse backup', extensions: ['zip'] }] };
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    pickFolder: async () => {
      const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
  });
  services = current;
  const files = { rendererDir: path.join(buildDir, 'renderer'), store: current.recording.store };
  protocol.handle(APP_SCHEME, (request) => serveAppProtocol(files, request));
  registerIpc(current);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** A second copy of the app (a double-click on Windows) brings this window forward instead. */
function showMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// One copy of the app: a second one would run start-up recovery on this copy's open take.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Otherwise the app would run on with no window and no word of why (e.g. a data folder it cannot write).
      dialog.showErrorBox('Rehearse could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quitting waits until the services have finished every take being recorded (final header, renamed
// to .wav), however often quit is asked for meanwhile; then main quits for real.
let closing: Promise<void> | null = null;
let closed = false;
app.on('before-quit', (event) => {
  if (closed || !services) return;
  event.preventDefault();
  closing ??= services
    .close()
    .catch((error: unknown) => console.error(`could not finish the takes being recorded: ${String(error)}`))
    .then(() => releaseDataLock().catch(() => undefined))
    .then(() => {
      closed = true;
      app.quit();
    });
});
