// First run without a speech model: the app says what is missing instead of failing, a take recorded
// meanwhile is kept, the person downloads a model (from a local stand-in server), and the take is then
// transcribed.
import path from 'node:path';
import { expect, test as base } from './fixtures';
import { recordTake } from './support/app-page';
import { startModelServer, type ModelServer } from './support/model-server';

const SHARED_MODELS = path.resolve(__dirname, '../../shared/models');

const test = base.extend<{ modelServer: ModelServer }>({
  modelServer: async ({}, use) => {
    const server = await startModelServer({
      'tiny.en': path.join(SHARED_MODELS, 'for-tests-ggml-tiny.en.bin'),
      'base.en': path.join(SHARED_MODELS, 'for-tests-ggml-base.en.bin'),
    });
    await use(server);
    await server.close();
  },
  appEnv: async ({ modelServer }, use) => use({ REHEARSE_MODEL_CATALOG: modelServer.catalogPath }),
  withModel: false,
});

test('without a model the app leads to a download, then transcribes the take recorded meanwhile', async ({ app, modelServer }) => {
  const { page } = app;
  const header = page.getByRole('button', { name: /^Speech model:/ });
  await expect(header).toHaveText('Speech model: none');
  await expect(page.getByText('Transcripts need a speech model')).toBeVisible();

  // A take recorded before any model exists is kept, and the reason it is not transcribed is clear.
  const { takeId } = await recordTake(page, 2_000);
  const attempt = page.locator(`[data-take-id="${takeId}"]`);
  await expect(attempt.getByText(/Transcription failed: no speech model is installed/)).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Choose a speech model' }).click();
  const panel = page.getByRole('region', { name: 'Speech model' });
  const tiny = panel.getByRole('listitem').filter({ has: page.getByText('tiny.en', { exact: true }) });
  await tiny.getByRole('button', { name: 'Download' }).click();
  await expect(tiny.getByText('In use')).toBeVisible({ timeout: 30_000 });
  await expect(header).toHaveText('Speech model: tiny.en');
  expect(modelServer.requests.map((request) => request.path)).toEqual(['/ggml-tiny.en.bin']);

  await attempt.getByRole('button', { name: 'Transcribe again' }).click();
  await expect(attempt.getByText('No speech recognised in this take.')).toBeVisible({ timeout: 60_000 });
});
