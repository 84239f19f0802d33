// The app's security decisions as pure functions, so they are tested with hostile inputs; the Electron
// glue and the browser host only apply them. Our pages come from one origin (`rehearse://app` in
// Electron, `http://127.0.0.1:<port>` in the browser host); nothing else is trusted.

export const APP_SCHEME = 'rehearse';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/**
 * The one inline stylesheet the page may use: wavesurfer.js (the replay player's waveform) writes a fixed
 * <style> into its shadow root, without which its canvases, progress and cursor are not laid out. It is
 * allowed by the hash of its exact text (for the installed wavesurfer.js with `height: 64`, the
 * player's WAVEFORM_HEIGHT), not by 'unsafe-inline', so no other inline style can apply.
 * security-policy.test.ts recomputes it from node_modules/wavesurfer.js, so an upgrade that changes the
 * text fails there, not silently in the app.
 */
export const WAVESURFER_STYLE_HASH = "'sha256-fF0LBso7Nz75zaFRDBUefBDvPe19hjaiDnnc8lt+2Js='";

/** The Content-Security-Policy every page of ours is served with. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${WAVESURFER_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response of our origin, in both hosts: the policy, and no guessing of content types. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for a URL of exactly our origin: no look-alike hosts, ports or embedded credentials. */
export function isSameOrigin(url: string, origin: string): boolean {
  const parsed = parse(url);
  const expected = parse(origin);
  if (!parsed || !expected) return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.protocol === expected.protocol && parsed.host === expected.host;
}

export function isAppUrl(url: string): boolean {
  return isSameOrigin(url, APP_ORIGIN);
}

/** Grants only the microphone (audio capture, no video), and only to our own origin. */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingUrl)) return false;
  return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
}

/** Permission checks (not requests) ask the same question without media types. */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string, mediaType?: string): boolean {
  return (
    permission === 'media' && isAppUrl(requestingOrigin) && (mediaType === undefined || mediaType === 'audio' || mediaType === 'unknown')
  );
}
