// The one fake of the `electron` module, for the tests of electron/main and electron/preload (as
// Electron Fiddle tests its main process), and the only code outside main and preload that knows
// Electron's API shape. It keeps what the code under test hands to Electron (handlers, window options,
// the API a preload exposes) and lets a test act as Electron and the page would: load a URL of a
// protocol, invoke a channel from some frame, ask for a permission, navigate, open a window, quit.
// It is small on purpose: what main and preload use, with Electron's rules where breaking them is a
// bug (ready-only APIs, one handler per channel, arguments cloned across the process boundary).
import { EventEmitter } from 'node:events';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any -- handlers are typed by the code under test. */
type Handler = (...args: any[]) => any;

/** An event a listener may cancel, as Electron passes to 'before-quit', 'will-navigate' and the like. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

function navigationEvent(url: string): FakeEvent & { url: string; isSameDocument: boolean; isMainFrame: boolean } {
  return Object.assign(new FakeEvent(), { url, isSameDocument: false, isMainFrame: true });
}

export class FakeWebContents extends EventEmitter {
  private url = '';
  private windowOpenHandler: Handler | null = null;

  getURL(): string {
    return this.url;
  }

  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }

  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }

  /** The page navigates to `url` (a link, `location.href = …`): true when nothing prevented it. */
  navigate(url: string): boolean {
    const details = navigationEvent(url);
    this.emit('will-navigate', details, url, false, true, 1, 1);
    if (!details.defaultPrevented) this.url = url;
    return !details.defaultPrevented;
  }

  /** A navigation of the page is redirected to `url`: true when nothing prevented it. */
  redirect(url: string): boolean {
    const details = navigationEvent(url);
    this.emit('will-redirect', details, url, false, true, 1, 1);
    if (!details.defaultPrevented) this.url = url;
    return !details.defaultPrevented;
  }

  /** The page adds a `<webview src>`: true when nothing prevented it. */
  attachWebview(src: string): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  }

  /** `window.open(url)`: what the window-open handler answered; Electron allows it when there is none. */
  openWindow(url: string): 'allow' | 'deny' {
    const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.url, policy: 'default' } };
    return this.windowOpenHandler ? (this.windowOpenHandler(details) as { action: 'allow' | 'deny' }).action : 'allow';
  }
}

export class FakeApp extends EventEmitter {
  private ready = false;
  private markReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));
  private readonly exitListeners: ((code: number) => void)[] = [];
  /** The exit code once the process has ended (app.exit, or a quit nothing held back). */
  exitCode: number | null = null;

  constructor(
    private readonly options: FakeElectronOptions,
    private readonly closeAllWindows: () => void,
  ) {
    super();
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getVersion(): string {
    return this.options.version ?? '0.0.0-test';
  }

  getAppPath(): string {
    return this.options.appPath;
  }

  getPath(name: string): string {
    return path.join(this.options.appPath, '..', `fake-${name}`);
  }

  quit(): void {
    this.beginQuit();
  }

  /**
   * As Electron's: true for the first copy of the app (among the fakes sharing `instances`); a later
   * copy gets false, and the first hears 'second-instance'. The lock goes when its holder exits.
   */
  requestSingleInstanceLock(): boolean {
    const registry = this.options.instances ?? { holder: null };
    const holder = registry.holder;
    if (holder && holder !== this && holder.exitCode === null) {
      holder.emit('second-instance', new FakeEvent(), [], process.cwd(), {});
      return false;
    }
    registry.holder = this;
    return true;
  }

  exit(code = 0): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    for (const listener of this.exitListeners) listener(code);
  }

  // What Electron and the person do, for tests.

  /** Electron has started: 'ready' is emitted and whenReady() resolves. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready', new FakeEvent(), {});
    this.markReady();
  }

  /** The person quits (the menu, Cmd+Q, a signal). True when a 'before-quit' listener held it back. */
  userQuits(): boolean {
    return this.beginQuit();
  }

  /** Called as the process ends, with its exit code. */
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }

  assertReady(api: string, ready: boolean): void {
    if (this.ready !== ready) throw new Error(`${api} can only be used ${ready ? 'after' : 'before'} the app is ready`);
  }

  /** As app.quit(): 'before-quit', then the windows close (no 'window-all-closed'), 'will-quit', 'quit'. */
  private beginQuit(): boolean {
    if (this.exitCode !== null) return false;
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return true;
    this.closeAllWindows();
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return true;
    this.emit('quit', new FakeEvent(), 0);
    this.exit(0);
    return false;
  }
}

export class FakeIpcMain {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  /** The channels with a handler. */
  channels(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * `ipcRenderer.invoke(channel, ...args)` from a frame showing `frameUrl` (the sender's page unless
   * given) in `sender`. Like Electron, arguments and answer are structured-cloned, and a throwing
   * handler rejects the call.
   */
  async invokeFrom(from: { sender: FakeWebContents; frameUrl?: string }, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const url = from.frameUrl ?? from.sender.getURL();
    const event = { sender: from.sender, senderFrame: { url, origin: originOf(url) }, frameId: 1, processId: 1 };
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export class FakeSession {
  private requestHandler: Handler | null = null;
  private checkHandler: Handler | null = null;

  setPermissionRequestHandler(handler: Handler | null): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: Handler | null): void {
    this.checkHandler = handler;
  }

  /** A page asks for a permission (getUserMedia, Notification.requestPermission…). Without a handler Electron grants it. */
  requestPermission(
    permission: string,
    details: { requestingUrl: string; mediaTypes?: string[] },
    contents?: FakeWebContents,
  ): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents ?? null, permission, resolve, { isMainFrame: true, ...details }));
  }

  /** A page checks a permission (navigator.permissions, enumerateDevices). Without a handler Electron says yes. */
  checkPermission(permission: string, requestingOrigin: string, details: { mediaType?: string } = {}, contents?: FakeWebContents): boolean {
    if (!this.checkHandler) return true;
    return Boolean(
      this.checkHandler(contents ?? null, permission, requestingOrigin, { isMainFrame: true, requestingUrl: requestingOrigin, ...details }),
    );
  }
}

type WindowOptions = { webPreferences?: Record<string, unknown> } & Record<string, unknown>;

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;

  constructor(
    readonly options: WindowOptions,
    private readonly owner: { app: FakeApp; windows: FakeBrowserWindow[] },
  ) {
    super();
    owner.app.assertReady('new BrowserWindow()', true);
    owner.windows.push(this);
    owner.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.visible = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  /** The person minimizes the window. */
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }

  restore(): void {
    this.minimized = false;
  }

  focus(): void {
    this.focused = true;
  }

  /** The person closes the window; when it was the last, the app hears 'window-all-closed'. */
  close(): void {
    this.destroy();
    if (this.owner.windows.length === 0) this.owner.app.emit('window-all-closed', new FakeEvent());
  }

  destroy(): void {
    const index = this.owner.windows.indexOf(this);
    if (index < 0) return;
    this.owner.windows.splice(index, 1);
    this.emit('closed');
  }
}

/** `BrowserWindow` as main uses it: constructed with its options, and asked for the open windows. */
export interface FakeBrowserWindowClass {
  new (options: WindowOptions): FakeBrowserWindow;
  getAllWindows(): FakeBrowserWindow[];
  getFocusedWindow(): FakeBrowserWindow | null;
}

export interface FakeElectronOptions {
  /** What app.getAppPath() answers: the folder holding package.json and the build (out/). */
  appPath: string;
  version?: string;
  /** Shared by the fakes of copies of the app started on one machine (the single-instance lock). */
  instances?: { holder: FakeApp | null };
}

export interface Privileges {
  standard?: boolean;
  secure?: boolean;
  supportFetchAPI?: boolean;
  stream?: boolean;
}

/** A fresh fake `electron` module: one per test, passed to `vi.doMock('electron', () => fake)`. */
export function createFakeElectron(options: FakeElectronOptions) {
  const windows: FakeBrowserWindow[] = [];
  const app = new FakeApp(options, () => {
    for (const window of [...windows]) window.destroy();
  });

  const BrowserWindow: FakeBrowserWindowClass = class extends FakeBrowserWindow {
    constructor(options: WindowOptions) {
      super(options, { app, windows });
    }

    static getAllWindows(): FakeBrowserWindow[] {
      return [...windows];
    }

    static getFocusedWindow(): FakeBrowserWindow | null {
      return null;
    }
  };

  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const privileged: { scheme: string; privileges: Privileges }[] = [];
  const protocol = {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Privileges }[]): void {
      app.assertReady('protocol.registerSchemesAsPrivileged', false);
      privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      app.assertReady('protocol.handle', true);
      if (protocolHandlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`);
      protocolHandlers.set(scheme, handler);
    },
    /** The schemes registered as privileged, with their privileges. */
    privileged,
    /**
     * The page loads `url` (a document, a script, an `<audio>` that seeks with a Range header): the
     * answer of the scheme's handler. A standard scheme's URL is first made canonical as Chromium
     * does for http (backslashes become slashes, dot segments are resolved). As in Electron, a URL
     * a Request cannot hold (one with credentials) fails as a network error without reaching the handler.
     */
    async fetch(url: string, init?: RequestInit): Promise<Response> {
      const scheme = url.slice(0, url.indexOf(':'));
      const handler = protocolHandlers.get(scheme);
      if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME: ${url}`);
      const standard = privileged.some((entry) => entry.scheme === scheme && entry.privileges.standard);
      const canonical = standard ? `${scheme}:${new URL(`http:${url.slice(scheme.length + 1)}`).href.slice('http:'.length)}` : url;
      let request: Request;
      try {
        request = new Request(canonical, init);
      } catch {
        return Response.error();
      }
      return handler(request);
    },
  };

  const ipcMain = new FakeIpcMain();
  let loneContents: FakeWebContents | null = null;
  /** The page a preload runs in: the first window's, or one of its own when there is no window. */
  const preloadContents = () => windows[0]?.webContents ?? (loneContents ??= new FakeWebContents());
  const ipcRenderer = {
    /** Every invoke the preload made, in order. */
    calls: [] as { channel: string; args: unknown[] }[],
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.calls.push({ channel, args });
      return ipcMain.invokeFrom({ sender: preloadContents() }, channel, ...args);
    },
  };

  /** What the preload put on the page's `window`. */
  const mainWorld: Record<string, unknown> = {};
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (Object.hasOwn(mainWorld, key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      mainWorld[key] = api;
    },
  };

  const defaultSession = new FakeSession();
  const session = {
    get defaultSession(): FakeSession {
      app.assertReady('session.defaultSession', true);
      return defaultSession;
    },
  };

  const dialog = {
    /** The messages of error boxes shown. */
    errorBoxes: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string): void {
      dialog.errorBoxes.push({ title, content });
    },
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
  };

  return { app, BrowserWindow, protocol, ipcMain, ipcRenderer, contextBridge, mainWorld, session, dialog };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
