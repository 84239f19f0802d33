// The test speech models produce empty text, so specs that need words (analytics, checklist evidence)
// give a recorded take a hand-made word-timed transcript, written into the app's IndexedDB transcripts
// table, then reload. Everything after that is the app's own code: at start-up it finds the take's
// metrics and search text missing and computes them from the transcript.
import type { Page } from '@playwright/test';
import type { Transcript } from '../../electron/shared/contract';

export async function injectTranscript(page: Page, takeId: string, transcript: Transcript): Promise<void> {
  await page.evaluate(
    async ({ takeId, transcript }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('rehearse');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('cannot open the database'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['attempts', 'transcripts', 'searchTexts'], 'readwrite');
        const attempts = tx.objectStore('attempts');
        const get = attempts.get(takeId);
        get.onsuccess = () => {
          if (!get.result) {
            reject(new Error(`no attempt ${takeId}`));
            return;
          }
          const attempt = { ...(get.result as { metrics?: unknown }) };
          delete attempt.metrics;
          attempts.put(attempt);
          tx.objectStore('transcripts').put({ id: takeId, transcript });
          tx.objectStore('searchTexts').delete(takeId);
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
    },
    { takeId, transcript },
  );
  await page.reload();
}

/** Words with times from a plain sentence list: each word 300 ms, 100 ms apart; `pauses` adds silence before a word index. */
export function timedTranscript(sentences: string[], startMs: number, pauses: Record<number, number> = {}): Transcript {
  let t = startMs;
  let index = 0;
  const segments = sentences.map((sentence) => {
    const words = sentence.split(/\s+/).map((text) => {
      t += pauses[index] ?? 0;
      const word = { text, startMs: t, endMs: t + 300 };
      t += 400;
      index += 1;
      return word;
    });
    return { startMs: words[0]?.startMs ?? t, endMs: words.at(-1)?.endMs ?? t, text: sentence, words };
  });
  return { segments };
}
