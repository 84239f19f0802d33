// Backup bench: a 10-hour library (600 takes of 60 s, 16 kHz mono WAV, with sidecars, transcripts and
// records as the app keeps them), backed up into one zip and restored into an empty data folder, each
// in its own process so its peak memory is its own:
//
//   backup_10h_s / restore_10h_s: wall time of backup.create / backup.restore's work (the services, as
//     main runs them; the renderer's records are made once, beforehand);
//   backup_audio_mb_s / restore_audio_mb_s: MB (10^6 bytes) of audio per second;
//   backup_peak_rss_mb / restore_peak_rss_mb: the process's peak resident memory (maxRSS), in MiB;
//   backup_10h_cpu_s / restore_10h_cpu_s: CPU time (user + system) of the same work: on a shared,
//     loaded machine wall time measures the neighbours as much as the code.
//
// Goal: peak memory under 300 MB and at least 50 MB/s of audio. BENCH_BACKUP_TAKES / BENCH_BACKUP_TAKE_SEC
// make it smaller. The LAST line of stdout is one JSON object.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackup } from '../electron/services/backup/create-backup';
import { restoreBackup } from '../electron/services/backup/restore-backup';
import { wavHeader } from '../electron/services/audio/wav';
import { FileSaver } from '../electron/services/files/file-saver';
import { TakeStore } from '../electron/services/recordings/take-store';
import { restoreStagingDir, transcriptsDir } from '../electron/services/storage/data-layout';

const TAKES = Number(process.env.BENCH_BACKUP_TAKES ?? 600);
const TAKE_SEC = Number(process.env.BENCH_BACKUP_TAKE_SEC ?? 60);
const log = (message: string) => process.stderr.write(`[backup-bench] ${message}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const takeId = (i: number) => `take-bench${String(i).padStart(5, '0')}`;

/** Writes the library into `dataDir`; returns the records (JSON) the renderer would send and the audio bytes. */
function makeLibrary(dataDir: string): { records: Buffer; audioBytes: number } {
  const recordings = path.join(dataDir, 'recordings');
  const transcripts = transcriptsDir(dataDir);
  mkdirSync(recordings, { recursive: true });
  mkdirSync(transcripts, { recursive: true });
  const dataBytes = TAKE_SEC * 16_000 * 2;
  // Speech-like noise: audio does not compress, so the zip stores it; each take's bytes differ.
  const samples = randomBytes(dataBytes);
  const header = wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes });
  const words = Array.from({ length: TAKE_SEC * 2 }, (_, w) => ({ text: 'word', startMs: w * 500, endMs: w * 500 + 400, p: 0.9 }));
  const attempts = [];
  for (let i = 0; i < TAKES; i++) {
    const id = takeId(i);
    samples.writeUInt32LE(i, 0);
    writeFileSync(path.join(recordings, `${id}.wav`), Buffer.concat([header, samples]));
    writeFileSync(
      path.join(recordings, `${id}.json`),
      JSON.stringify({ takeId: id, questionId: 'q-bench', startedAt: 1_700_000_000_000 + i, status: 'complete', gaps: [] }),
    );
    const transcript = { segments: [{ startMs: 0, endMs: TAKE_SEC * 1000, text: 'word '.repeat(words.length).trim(), words }] };
    writeFileSync(
      path.join(transcripts, `${id}.json`),
      JSON.stringify({ takeId: id, status: 'done', progress: 100, transcript, error: null, errorCode: null, afterStopMs: 400 }),
    );
    attempts.push({
      id,
      questionId: 'q-bench',
      startedAt: 1_700_000_000_000 + i,
      durationMs: TAKE_SEC * 1000,
      fileName: `${id}.wav`,
      status: 'complete',
      droppedMs: 0,
    });
  }
  const question = {
    id: 'q-bench',
    text: 'Tell me about a time you were wrong.',
    category: 'behavioural',
    stage: 'team-interview',
    principles: ['intellectual-honesty'],
    targetSec: 120,
    packId: 'bench',
    order: 0,
    origin: 'own',
  };
  const records = { format: 'rehearse-records', version: 1, questions: [question], attempts, transcripts: [], hesitations: [], loops: [] };
  return { records: Buffer.from(JSON.stringify(records)), audioBytes: TAKES * (dataBytes + header.byteLength) };
}

/** One phase, in this process (spawned by main): prints {seconds, peakRssMb}. */
async function runPhase(phase: string, dataDir: string, zipPath: string): Promise<void> {
  const store = new TakeStore(path.join(dataDir, 'recordings'));
  const started = performance.now();
  if (phase === 'backup') {
    const { readFileSync } = await import('node:fs');
    const records = readFileSync(path.join(dataDir, 'records.json'));
    const saver = new FileSaver({ exportsDir: path.dirname(zipPath), pickSavePath: async () => zipPath });
    const made = await createBackup({ store, transcriptsDir: transcriptsDir(dataDir), appVersion: 'bench', saver }, records);
    if (!made.saved || made.takes !== TAKES) throw new Error(`the backup holds ${made.takes} takes, not ${TAKES}`);
  } else {
    const restored = await restoreBackup(
      { store, transcriptsDir: transcriptsDir(dataDir), stagingDir: restoreStagingDir(dataDir), recordingIds: async () => new Set() },
      zipPath,
    );
    if (!restored.restored || restored.audioRestored !== TAKES) throw new Error(`restored ${JSON.stringify({ ...restored, records: 0 })}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage();
  log(`${phase}: ${round(seconds, 2)} s wall, ${round(user / 1e6, 2)} s user + ${round(system / 1e6, 2)} s system CPU`);
  process.stdout.write(
    `${JSON.stringify({ seconds, cpuSeconds: (user + system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

function spawnPhase(phase: string, dataDir: string, zipPath: string): Promise<{ seconds: number; cpuSeconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), phase, dataDir, zipPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${phase} phase failed (exit ${code})`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { seconds: number; cpuSeconds: number; peakRssMb: number });
    });
  });
}

async function main(): Promise<void> {
  const [phase, dataDir, zipPath] = process.argv.slice(2);
  if (phase && dataDir && zipPath) return runPhase(phase, dataDir, zipPath);

  const work = mkdtempSync(path.join(os.tmpdir(), 'rehearse-backup-bench-'));
  try {
    const source = path.join(work, 'source');
    const target = path.join(work, 'target');
    const zip = path.join(work, 'backup.zip');
    log(`making ${TAKES} takes of ${TAKE_SEC} s…`);
    const { records, audioBytes } = makeLibrary(source);
    writeFileSync(path.join(source, 'records.json'), records);
    log(`backing up ${round(audioBytes / 1e6)} MB of audio…`);
    const backup = await spawnPhase('backup', source, zip);
    log(`backup: ${round(backup.seconds, 2)} s, peak ${round(backup.peakRssMb)} MiB; restoring…`);
    const restore = await spawnPhase('restore', target, zip);
    log(`restore: ${round(restore.seconds, 2)} s, peak ${round(restore.peakRssMb)} MiB`);
    const mb = audioBytes / 1e6;
    process.stdout.write(
      `${JSON.stringify({
        backup_10h_s: round(backup.seconds, 2),
        restore_10h_s: round(restore.seconds, 2),
        backup_audio_mb_s: round(mb / backup.seconds),
        restore_audio_mb_s: round(mb / restore.seconds),
        backup_peak_rss_mb: round(backup.peakRssMb),
        restore_peak_rss_mb: round(restore.peakRssMb),
        backup_10h_cpu_s: round(backup.cpuSeconds, 2),
        restore_10h_cpu_s: round(restore.cpuSeconds, 2),
      })}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
