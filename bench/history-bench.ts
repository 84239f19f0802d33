// History bench: with 10,000 takes in the app's database, how long does the History view take to open,
// how long does a full-text search take, and does the list scroll smoothly? Runs the built app (browser
// host + its renderer) in Debian's Chromium, as a person would use it; the timings are the app's own
// performance marks (HISTORY_MARKS in renderer/src/ui/HistoryView.tsx).
//
//   history_open_ms_10k: click on History → the first rows of the list rendered (median of BENCH_OPENS;
//     history_open_first_ms_10k is the first, cold one, after a page load);
//   history_search_ms_10k: one search over all 10,000 transcripts (median over the queries, each typed
//     in full, then measured inside the app around SearchIndex.search);
//   history_search_to_screen_ms_10k: typing the last character → the result count on screen;
//   history_scroll_frame_p95_ms_10k: 95th percentile frame time while scrolling the whole list.
//
// The takes are made in the page (seeded, deterministic): ~220 words each from a spoken-answer vocabulary,
// word timing, transcript + search text + headline metrics, as the app stores them (database v4, metrics
// version 2: no audio heard yet).
// The LAST line of stdout is one JSON object. Needs `electron-vite build` first (npm run bench does it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TAKES = Number(process.env.BENCH_HISTORY_TAKES ?? 10_000);
const OPENS = Number(process.env.BENCH_OPENS ?? 7);
const QUERIES = ['load test', 'cache', 'i was wrong', 'kubernetes', 'customers', '"the team"', 'rollback plan'];

const log = (message: string) => process.stderr.write(`[history-bench] ${message}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function startHost(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'out/main/host.js')], {
    env: { ...process.env, REHEARSE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`browser host exited (${code})`)));
  });
  return { url, child };
}

/** Writes `count` takes into the app's IndexedDB, from inside the page. */
async function seed(page: Page, count: number): Promise<void> {
  await page.evaluate(async (count) => {
    let state = 20_261_121;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const vocabulary = (
      'so the team had a deadline and I decided to ship the cache first because the load was growing every week and we ' +
      'measured it with a load test then I was wrong about the database and we had to roll back which cost us two days ' +
      'customers noticed the latency so I called a meeting and shared what I missed the result was a forty percent drop ' +
      'in errors and I learned to ask other teams before I change shared services honestly um uh I think maybe the plan ' +
      'worked because we kept it simple and reversible and we flagged the risk early to the manager'
    ).split(' ');
    const questions = await new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('rehearse');
      open.onerror = () => reject(open.error ?? new Error('no database'));
      open.onsuccess = () => {
        const db = open.result;
        const get = db.transaction('questions').objectStore('questions').getAllKeys();
        get.onsuccess = () => {
          db.close();
          resolve(get.result.map(String));
        };
        get.onerror = () => reject(get.error ?? new Error('no questions'));
      };
    });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('rehearse');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('no database'));
    });
    const start = Date.now() - count * 3_600_000;
    const BATCH = 500;
    for (let base = 0; base < count; base += BATCH) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['attempts', 'transcripts', 'searchTexts'], 'readwrite');
        for (let i = base; i < Math.min(count, base + BATCH); i++) {
          const id = `take-bench${i.toString(36).padStart(6, '0')}`;
          const wordsCount = 180 + Math.floor(random() * 80);
          let t = 800 + Math.floor(random() * 2000);
          let fillers = 0;
          const words = [];
          for (let w = 0; w < wordsCount; w++) {
            const text = pick(vocabulary);
            if (text === 'um' || text === 'uh') fillers++;
            const length = 150 + Math.floor(random() * 250);
            words.push({ text, startMs: t, endMs: t + length });
            t += length + 60 + Math.floor(random() * 200);
          }
          const segments = [];
          for (let s = 0; s < words.length; s += 25) {
            const part = words.slice(s, s + 25);
            segments.push({
              startMs: part[0]?.startMs ?? 0,
              endMs: part.at(-1)?.endMs ?? 0,
              text: part.map((w) => w.text).join(' '),
              words: part,
            });
          }
          const speechMs = (words.at(-1)?.endMs ?? 0) - (words[0]?.startMs ?? 0);
          tx.objectStore('attempts').put({
            id,
            questionId: pick(questions),
            startedAt: start + i * 3_600_000,
            durationMs: t + 500,
            fileName: `${id}.wav`,
            status: 'complete',
            droppedMs: 0,
            metrics: {
              version: 2,
              wordCount: wordsCount,
              speechMs,
              wpm: Math.round((wordsCount / (speechMs / 60000)) * 10) / 10,
              fillerCount: fillers,
              fillersPerMin: Math.round((fillers / (speechMs / 60000)) * 10) / 10,
              transcribedFillerCount: fillers,
              confirmedFillerCount: 0,
              heardFillerCount: null,
              longPauseCount: 0,
              thinkTimeMs: words[0]?.startMs ?? null,
            },
          });
          tx.objectStore('transcripts').put({ id, transcript: { segments } });
          tx.objectStore('searchTexts').put({ id, text: segments.map((s) => s.text).join('\n') });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
    }
    db.close();
  }, count);
}

async function openHistory(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Practise', exact: true }).click();
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await page.getByRole('list', { name: 'Takes' }).getByRole('listitem').first().waitFor();
  return page.evaluate(() => {
    const open = performance.getEntriesByName('rehearse:history-open').at(-1);
    const ready = performance.getEntriesByName('rehearse:history-ready').at(-1);
    if (!open || !ready) throw new Error('the history marks are missing');
    return ready.startTime - open.startTime;
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rehearse-history-bench-'));
  const host = await startHost(dataDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Record' }).waitFor();
    const seedStart = Date.now();
    await seed(page, TAKES);
    log(`seeded ${TAKES} takes in ${Date.now() - seedStart} ms`);
    await page.reload();
    await page.getByRole('button', { name: 'Record' }).waitFor();

    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) opens.push(await openHistory(page));
    log(`open: ${opens.map((ms) => round(ms)).join(', ')} ms`);
    const rows = Number(await page.locator('.history-scroller').getAttribute('data-rows'));
    if (rows < TAKES) throw new Error(`the list has ${rows} rows, fewer than ${TAKES} takes`);

    // Scroll through the whole list, measuring frame times.
    const frames = await page.evaluate(async () => {
      const scroller = document.querySelector('.history-scroller');
      if (!(scroller instanceof HTMLElement)) throw new Error('no list');
      const times: number[] = [];
      let last = performance.now();
      // Down to the end, a screenful and a half per frame (the list measures rows as it goes, so its
      // height can change: stop when the scroll position no longer moves).
      for (let guard = 0; guard < 100_000; guard++) {
        const before = scroller.scrollTop;
        scroller.scrollTop = before + scroller.clientHeight * 1.5;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        times.push(now - last);
        last = now;
        if (scroller.scrollTop <= before) break;
      }
      return { times, scrolledPx: scroller.scrollTop, heightPx: scroller.scrollHeight };
    });
    const sortedFrames = [...frames.times].sort((a, b) => a - b);
    const p95 = sortedFrames[Math.floor(sortedFrames.length * 0.95)] ?? NaN;
    log(`scroll: ${frames.times.length} frames over ${frames.scrolledPx} of ${frames.heightPx} px, p95 ${round(p95)} ms`);
    if (frames.scrolledPx < frames.heightPx / 2) throw new Error('the list did not scroll to its end');

    const search = page.getByRole('searchbox', { name: 'Search transcripts' });
    await search.fill('warm up');
    await page
      .getByRole('status')
      .filter({ hasText: /match “warm up”/ })
      .waitFor({ timeout: 60_000 });
    const searchMs: number[] = [];
    const toScreenMs: number[] = [];
    const results: Record<string, number> = {};
    for (const query of QUERIES) {
      await search.fill('');
      await page.evaluate(() => performance.clearMeasures('rehearse:history-search'));
      await search.fill(query.slice(0, -1));
      const started = await page.evaluate(() => performance.now());
      await page.keyboard.type(query.slice(-1));
      const count = page.getByRole('status').filter({ hasText: `match “${query}”` });
      await count.waitFor();
      const shown = await page.evaluate(() => performance.now());
      toScreenMs.push(shown - started);
      const measured = await page.evaluate(
        (query) =>
          performance
            .getEntriesByName('rehearse:history-search')
            .filter((entry) => (entry as PerformanceMeasure).detail?.query === query)
            .map((entry) => ({ ms: entry.duration, hits: (entry as PerformanceMeasure).detail.hits as number })),
        query,
      );
      const last = measured.at(-1);
      if (!last) throw new Error(`no search measure for ${query}`);
      searchMs.push(last.ms);
      results[query] = last.hits;
    }
    log(`search: ${searchMs.map((ms) => round(ms)).join(', ')} ms; to screen ${toScreenMs.map((ms) => round(ms)).join(', ')} ms`);

    process.stdout.write(
      `${JSON.stringify({
        history_open_ms_10k: round(median(opens)),
        history_open_first_ms_10k: round(opens[0] ?? NaN),
        history_search_ms_10k: round(median(searchMs), 2),
        history_search_max_ms_10k: round(Math.max(...searchMs), 2),
        history_search_to_screen_ms_10k: round(median(toScreenMs)),
        history_scroll_frame_p95_ms_10k: round(p95),
        history_takes: TAKES,
        history_open_runs_ms: opens.map((ms) => round(ms)),
        history_search_hits: results,
      })}\n`,
    );
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
