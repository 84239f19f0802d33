// The page runs under a strict Content-Security-Policy: injected inline script does not run and
// nothing can be loaded from elsewhere.
import { expect, test } from './fixtures';

test('inline script and foreign resources are blocked by the CSP', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Record' })).toBeVisible();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  const fetched = await page.evaluate(() =>
    fetch('http://127.0.0.2:9/x').then(
      () => 'loaded',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');
});

test('the window cannot be navigated away or open new windows (Electron)', async ({ app }) => {
  test.skip(app.target !== 'electron', 'navigation and window policy are enforced by the Electron main process');
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Record' })).toBeVisible();
  const origin = new URL(page.url()).origin;
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(new URL(page.url()).origin).toBe(origin);
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
});
