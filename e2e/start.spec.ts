// Starting the app: every request the page makes is answered (no favicon 404), and the tab and window
// carry the app icon the installers use.
import { expect, test } from './fixtures';

test.use({ withModel: false });

test('the app starts without a failed request and shows its icon as the favicon', async ({ app }) => {
  const { page } = app;
  // Let the first load finish (its icon fetch included), so the reload below cannot abort it.
  await page.waitForLoadState('networkidle');
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}: ${request.failure()?.errorText ?? ''}`));
  await page.reload();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  // Chromium asks for the favicon after load, on its own time: give it that time.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  expect(failed).toEqual([]);

  // Headless Chromium fetches a declared icon but not the implicit /favicon.ico that Electron and a
  // desktop browser ask for (and got a 404 for) when none is declared. So also: one declared icon, and it loads.
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const icon = await page.request.get(new URL(href as string, page.url()).toString());
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
});
