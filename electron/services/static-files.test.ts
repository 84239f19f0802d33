// The renderer's files are served from one folder; no URL path may name a file outside it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResponse } from './file-response';
import { contentTypeOf, resolveStaticPath, staticFileResponse } from './static-files';

/** The body as text; empty when there is none. */
const bodyText = (response: FileResponse) => (response.body ? text(response.body) : Promise.resolve(''));

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-static-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  // Siblings of the root a traversal would aim at.
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  await mkdir(path.join(base, 'renderer-evil'));
  await writeFile(path.join(base, 'renderer-evil', 'x.html'), 'evil');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveStaticPath', () => {
  it('serves index.html for / and for an empty path', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/?v=2')).toBe(path.join(root, 'index.html'));
  });

  it('maps a path to the file under root, ignoring the query', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets/app.js?x=../../secret.txt')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/index.html')).toBe(path.join(root, 'index.html'));
  });

  it('decodes percent-encoded names', () => {
    expect(resolveStaticPath(root, '/assets/my%20file.js')).toBe(path.join(root, 'assets', 'my file.js'));
  });

  it('keeps a path that goes up and comes back down inside root', () => {
    expect(resolveStaticPath(root, '/assets/../index.html')).toBe(path.join(root, 'index.html'));
  });

  it('treats repeated leading slashes as relative to root, never as an absolute path', () => {
    expect(resolveStaticPath(root, '//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveStaticPath(root, '///index.html')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    '/../secret.txt',
    '/../x',
    '/../../../../../../etc/passwd',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/x',
    '/..%2fsecret.txt',
    '/..%2Fx',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/../renderer-evil/x.html',
    '/%2e%2e/renderer-evil/x.html',
    '/.',
    '/..',
    '/%2e%2e',
  ])('refuses the traversal %j', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it.each(['/index.html%00.png', '/%00', '/assets/app.js%00', '/index.html\u0000'])('refuses a NUL byte %j', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it.each(['/%', '/%zz', '/%E0%A4%A', '/index.html%', '/%c0%ae%c0%ae/secret.txt', '/%ff'])('refuses bad percent-encoding %j', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it('never names a file outside root, whatever the path', () => {
    const rootWithSep = path.resolve(root) + path.sep;
    for (const urlPath of ['/..\\secret.txt', '/assets/..\\..\\secret.txt', '/a/..%5c..%5cx', '/./././index.html', '/%2e/index.html']) {
      const resolved = resolveStaticPath(root, urlPath);
      if (resolved !== null) expect(resolved.startsWith(rootWithSep)).toBe(true);
    }
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.mjs', 'text/javascript; charset=utf-8'],
    ['assets/style.css', 'text/css; charset=utf-8'],
    ['manifest.json', 'application/json'],
    ['icon.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['font.woff2', 'font/woff2'],
    ['INDEX.HTML', 'text/html; charset=utf-8'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeOf(path.join('/srv', file))).toBe(type);
  });

  it('falls back to octet-stream for unknown or missing extensions, so nothing unknown is sniffed as a page', () => {
    expect(contentTypeOf('/srv/data.bin')).toBe('application/octet-stream');
    expect(contentTypeOf('/srv/README')).toBe('application/octet-stream');
    expect(contentTypeOf('/srv/page.html.bak')).toBe('application/octet-stream');
    expect(contentTypeOf('/srv/.html')).toBe('application/octet-stream');
  });
});

describe('staticFileResponse', () => {
  it('serves a file with its type and length', async () => {
    const response = await staticFileResponse(root, '/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-length': '14' });
    expect(await bodyText(response)).toBe('console.log(1)');
  });

  it('serves index.html for /', async () => {
    const response = await staticFileResponse(root, '/');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await bodyText(response)).toBe('<!doctype html>');
  });

  it.each([
    ['a directory (a file:// fetch would list it)', '/assets'],
    ['a directory with a trailing slash', '/assets/'],
    ['a missing file', '/nope.js'],
    ['a file outside root', '/..%2fsecret.txt'],
  ])('is 404 for %s, naming nothing', async (_label, urlPath) => {
    const response = await staticFileResponse(root, urlPath);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(await bodyText(response)).toBe('not found');
  });
});
