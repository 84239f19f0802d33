// Electron glue only: the window, its security settings, the app protocol and the IPC bridge to the
// services. Everything the app does lives in ../services, which never imports electron.
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../shared/channels';
import type { Result } from '../shared/contract';
import { createAppServices, type AppServices } from '../services/app-services';
import { resolveDataDir } from '../services/data-dir';
import { mediaResponse } from '../services/media/media-response';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isPermissionAllowed,
  isPermissionCheckAllowed,
} from '../services/security-policy';
import { contentTypeOf, resolveStaticPath } from '../services/static-files';

const rendererDir = path.join(__dirname, '../renderer');
let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

async function serveAppProtocol(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (!isAppUrl(request.url)) return new Response('not found', { status: 404, headers });
  if (url.pathname.startsWith('/media/') && services) {
    const media = await mediaResponse(services.recording.store, url.pathname.slice('/media/'.length), request.headers.get('range'));
    const body = media.body ? (Readable.toWeb(media.body) as ReadableStream) : null;
    return new Response(body, { status: media.status, headers: { ...media.headers, ...headers } });
  }
  const filePath = resolveStaticPath(rendererDir, url.pathname);
  if (!filePath) return new Response('not found', { status: 404, headers });
  const file = await net.fetch(pathToFileURL(filePath).toString());
  if (!file.ok) return new Response('not found', { status: 404, headers });
  return new Response(file.body, { status: 200, headers: { 'content-type': contentTypeOf(filePath), ...headers } });
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
      preload: path.join(__dirname, '../preload/index.js'),
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

app.whenReady().then(async () => {
  hardenContents();
  protocol.handle(APP_SCHEME, serveAppProtocol);
  services = await createAppServices(resolveDataDir(), { version: app.getVersion(), host: 'electron' }, undefined, {
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
    pickFolder: async () => {
      const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
  });
  registerIpc(services);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  quitting = true;
  event.preventDefault();
  void services.close().finally(() => app.quit());
});
