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
