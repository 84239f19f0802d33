// Hostile inputs against the app's security decisions: only our exact origin is trusted, and only for
// the microphone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isPermissionAllowed,
  isPermissionCheckAllowed,
  isSameOrigin,
  WAVESURFER_STYLE_HASH,
} from './security-policy';

describe('isAppUrl', () => {
  it.each([
    'rehearse://app',
    'rehearse://app/',
    'rehearse://app/index.html',
    'rehearse://app/assets/x.js?v=1#top',
    'REHEARSE://app/index.html',
  ])('accepts our own page %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    // look-alike hosts
    'rehearse://app.evil',
    'rehearse://app.evil/index.html',
    'rehearse://evil/app',
    'rehearse://evilapp',
    'rehearse://app%2eevil',
    // credentials, including ones that make "app" look like the host
    'rehearse://user@app',
    'rehearse://user:pw@app/',
    'rehearse://:pw@app/',
    'rehearse://app@evil',
    'rehearse://app:x@evil/',
    // ports
    'rehearse://app:80',
    'rehearse://app:443/',
    'rehearse://app:1/index.html',
    // other schemes with the same host
    'http://app',
    'https://app/',
    'file://app/index.html',
    'rehearse-evil://app',
    // hosts missing or elsewhere
    'rehearse:app',
    'rehearse:///app',
    'rehearse:////app',
    // not our kind of URL at all
    'javascript:alert(1)',
    'javascript://app/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'null',
    '',
    ' ',
    'garbage',
    'app',
    '//app',
  ])('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses rehearse://APP: URL keeps the case of a non-special scheme host, so it is not our host (fails closed)', () => {
    // What Node's URL does with it, so the test documents why the answer is false.
    expect(new URL('rehearse://APP').host).toBe('APP');
    expect(isAppUrl('rehearse://APP')).toBe(false);
  });

  it('does not throw on inputs URL cannot parse', () => {
    for (const url of ['', 'garbage', 'http://', 'http://127.0.0.1:99999', 'http://[::1', '\u0000']) {
      expect(() => isAppUrl(url)).not.toThrow();
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('isSameOrigin for the browser host (http://127.0.0.1:PORT)', () => {
  const origin = 'http://127.0.0.1:41234';

  it.each([
    'http://127.0.0.1:41234',
    'http://127.0.0.1:41234/',
    'http://127.0.0.1:41234/media/take-abc123.wav?x=1',
    'HTTP://127.0.0.1:41234/',
  ])('accepts %s', (url) => {
    expect(isSameOrigin(url, origin)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:41235',
    'http://127.0.0.1',
    'http://127.0.0.1:80',
    'http://localhost:41234',
    'http://[::1]:41234',
    'http://0.0.0.0:41234',
    'http://127.0.0.2:41234',
    'https://127.0.0.1:41234',
    'ws://127.0.0.1:41234',
    'http://user@127.0.0.1:41234',
    'http://user:pw@127.0.0.1:41234/',
    'http://:pw@127.0.0.1:41234/',
    'http://127.0.0.1:41234@evil.example/',
    'http://127.0.0.1:41234.evil.example',
    'http://127.0.0.1.evil.example:41234',
    'http://evil.example',
    'null',
    '',
  ])('refuses %j', (url) => {
    expect(isSameOrigin(url, origin)).toBe(false);
  });

  it('refuses everything when the expected origin is itself unparsable (e.g. before the server listens)', () => {
    expect(isSameOrigin('http://127.0.0.1:41234', '')).toBe(false);
    expect(isSameOrigin('', '')).toBe(false);
  });

  it('a default port is the same origin as no port, and only then', () => {
    expect(isSameOrigin('http://127.0.0.1:80/', 'http://127.0.0.1')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8080/', 'http://127.0.0.1')).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  const page = `${APP_ORIGIN}/index.html`;

  it('grants the microphone to our own page', () => {
    expect(isPermissionAllowed('media', page, ['audio'])).toBe(true);
    expect(isPermissionAllowed('media', APP_ORIGIN, ['audio'])).toBe(true);
  });

  it.each([[['video']], [['audio', 'video']], [['video', 'audio']], [[]], [['screen']], [['Audio']], [['audio', '']]])(
    'refuses media with mediaTypes %j',
    (mediaTypes) => {
      expect(isPermissionAllowed('media', page, mediaTypes)).toBe(false);
    },
  );

  it('refuses media when no media types are given', () => {
    expect(isPermissionAllowed('media', page)).toBe(false);
  });

  it.each([
    'notifications',
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'midi',
    'openExternal',
    'fullscreen',
    'Media',
    '',
  ])('refuses %j even for our page with audio', (permission) => {
    expect(isPermissionAllowed(permission, page, ['audio'])).toBe(false);
  });

  it.each([
    'rehearse://app.evil/',
    'rehearse://user@app/',
    'rehearse://app:80/',
    'http://app/',
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///index.html',
    '',
  ])('refuses the microphone to %j', (url) => {
    expect(isPermissionAllowed('media', url, ['audio'])).toBe(false);
  });
});

describe('isPermissionCheckAllowed', () => {
  it('answers yes for media of our origin without a video type', () => {
    expect(isPermissionCheckAllowed('media', APP_ORIGIN)).toBe(true);
    expect(isPermissionCheckAllowed('media', APP_ORIGIN, 'audio')).toBe(true);
    expect(isPermissionCheckAllowed('media', APP_ORIGIN, 'unknown')).toBe(true);
  });

  it('answers no for video, other permissions and other origins', () => {
    expect(isPermissionCheckAllowed('media', APP_ORIGIN, 'video')).toBe(false);
    expect(isPermissionCheckAllowed('notifications', APP_ORIGIN)).toBe(false);
    expect(isPermissionCheckAllowed('geolocation', APP_ORIGIN)).toBe(false);
    expect(isPermissionCheckAllowed('media', 'rehearse://app.evil')).toBe(false);
    expect(isPermissionCheckAllowed('media', 'http://127.0.0.1:5173')).toBe(false);
    expect(isPermissionCheckAllowed('media', '')).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values]),
  );

  it('denies by default and allows scripts only from our own origin', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
  });

  it('lets the page reach its own media and socket', () => {
    expect(directives.get('media-src')).toContain("'self'");
    expect(directives.get('connect-src')).toContain("'self'");
  });

  it('plays and fetches take audio from our origin only: no blob:, data: or other sources for media', () => {
    expect(directives.get('media-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows styles from our origin and, inline, only the one stylesheet of the waveform, by its hash', () => {
    expect(directives.get('style-src')).toEqual(["'self'", WAVESURFER_STYLE_HASH]);
    expect(WAVESURFER_STYLE_HASH).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  });

  it("the hash is that of the installed wavesurfer.js's shadow-root stylesheet at the player's height", () => {
    const root = path.resolve(__dirname, '../..');
    // The bundle the renderer imports, and the height the player passes to wavesurfer.
    const bundle = readFileSync(path.join(root, 'node_modules/wavesurfer.js/dist/wavesurfer.esm.js'), 'utf8');
    const player = readFileSync(path.join(root, 'renderer/src/replay/ReplayPlayer.tsx'), 'utf8');
    const height = /export const WAVEFORM_HEIGHT = (\d+);/.exec(player)?.[1];
    expect(height).toBeDefined();
    // `<style${nonce…}>…</style>` in a template literal; the only substitution inside is the height.
    const template = /<style\$\{.*?\}>([\s\S]*?)<\/style>/.exec(bundle)?.[1];
    expect(template).toBeDefined();
    const substitutions = template?.match(/\$\{[^}]*\}/g) ?? [];
    expect(substitutions).toHaveLength(1);
    expect(substitutions[0]).toMatch(/getHeight\(/);
    const text = (template ?? '').replace(/\$\{[^}]*\}/, height ?? '').replace(/\\n/g, '\n');
    expect(text).toContain(`min-height: ${height}px;`);
    const hash = createHash('sha256').update(text).digest('base64');
    expect(WAVESURFER_STYLE_HASH).toBe(`'sha256-${hash}'`);
  });

  it("index.html's own <meta> policy (enforced together with the header) says the same for each directive it has", () => {
    const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const metaDirectives = (meta ?? '').split(';').map((d) => d.trim().split(/\s+/));
    expect(metaDirectives.length).toBeGreaterThan(5);
    for (const [name, ...values] of metaDirectives) expect(values, String(name)).toEqual(directives.get(name ?? ''));
  });
});
