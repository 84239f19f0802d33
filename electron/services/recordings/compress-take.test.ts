// Compressing a finished take to Ogg Opus on real files: it shrinks, still sounds like the take, and no
// failure or crash at any step leaves a take without one good audio file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeOggOpusFile } from '../audio/ogg-opus';
import { encodeMonoWav, floatToInt16, readWavFile } from '../audio/wav';
import { compressTake, CompressError, recoverCompression, type WritableFile } from './compress-take';
import { TakeStore } from './take-store';

const JFK = path.resolve(__dirname, '../../../../shared/audio/jfk.wav');

let base: string;
let store: TakeStore;
let speech: Int16Array;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-compress-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
  speech ??= floatToInt16((await readWavFile(JFK)).channels[0] as Float32Array);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A finished take holding jfk.wav's 11 s of speech, as the recorder leaves it. */
async function take(takeId: string): Promise<void> {
  await writeFile(store.wavPath(takeId), encodeMonoWav(speech, 16_000));
  await store.writeMeta({ takeId, questionId: 'q1', startedAt: 1, status: 'complete', gaps: [] });
}

const digest = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const files = async () => (await readdir(store.dir)).sort();

/** Pearson correlation of two signals over their common length. */
function correlation(a: Int16Array, b: Int16Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('compressTake', () => {
  it('replaces the WAV by an Opus file under 300 KB a minute that decodes to the same length and waveform', async () => {
    await take('take-aaaaaa');
    const result = await compressTake(store, 'take-aaaaaa');
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.opus']);
    const minutes = speech.length / 16_000 / 60;
    expect(result.opusBytes / 1024 / minutes).toBeLessThan(300);
    expect(result.wavBytes / result.opusBytes).toBeGreaterThan(6);
    const decoded = await decodeOggOpusFile(store.opusPath('take-aaaaaa'));
    expect(Math.abs(decoded.samples.length - speech.length)).toBeLessThanOrEqual(16_000 * 0.02);
    // Sample-aligned (the encoder's delay is removed) and close in shape: clean speech, not noise.
    expect(correlation(speech, decoded.samples)).toBeGreaterThan(0.95);
    expect((await store.readMeta('take-aaaaaa'))?.durationMs).toBe(Math.round((decoded.samples.length / 16_000) * 1000));
    const info = await store.info('take-aaaaaa');
    expect(info).toMatchObject({ fileName: 'take-aaaaaa.opus', bytes: result.opusBytes, status: 'complete' });
    expect(Math.abs(info!.durationMs - (speech.length / 16_000) * 1000)).toBeLessThanOrEqual(20);
  });

  it('on a full disk says so, leaves no partial file and keeps the WAV as it was', async () => {
    await take('take-aaaaaa');
    const before = await digest(store.wavPath('take-aaaaaa'));
    let written = 0;
    const fullDisk = async (filePath: string): Promise<WritableFile> => {
      const real = await import('node:fs').then((fs) => fs.promises.open(filePath, 'w'));
      return {
        write: async (data, offset, length, position) => {
          if (written + length > 20_000) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          written += length;
          return real.write(data, offset, length, position);
        },
        sync: () => real.sync(),
        close: () => real.close(),
      };
    };
    const error = await compressTake(store, 'take-aaaaaa', { openForWrite: fullDisk }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CompressError);
    expect(error).toMatchObject({ problem: 'disk-full', message: expect.stringMatching(/disk is full.*WAV is kept/i) });
    expect(written).toBeGreaterThan(0);
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.wav']);
    expect(await digest(store.wavPath('take-aaaaaa'))).toBe(before);
    // Once there is room again, it goes through.
    await compressTake(store, 'take-aaaaaa');
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.opus']);
  });

  it('on a real full disk (a tmpfs just big enough for the WAV; needs root) fails the same way, losing nothing', async (context) => {
    const mountPoint = path.join(base, 'small-disk');
    await mkdir(mountPoint);
    const wavBytes = 44 + speech.length * 2;
    const size = Math.ceil(wavBytes / 4096) * 4096 + 3 * 4096;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      context.skip('cannot mount a tmpfs here (not root, or no mount permission)');
    }
    try {
      const small = new TakeStore(mountPoint);
      await writeFile(small.wavPath('take-aaaaaa'), encodeMonoWav(speech, 16_000));
      await small.writeMeta({ takeId: 'take-aaaaaa', questionId: 'q1', startedAt: 1, status: 'complete', gaps: [] });
      const before = await digest(small.wavPath('take-aaaaaa'));
      await expect(compressTake(small, 'take-aaaaaa')).rejects.toMatchObject({ problem: 'disk-full' });
      expect((await readdir(mountPoint)).sort()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.wav']);
      expect(await digest(small.wavPath('take-aaaaaa'))).toBe(before);
    } finally {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    }
  });

  it('stops when told (a recording started), leaving the WAV and nothing else', async () => {
    await take('take-aaaaaa');
    let asked = 0;
    const error = await compressTake(store, 'take-aaaaaa', { interrupted: () => ++asked > 3 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ problem: 'interrupted' });
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.wav']);
  });

  it('refuses a file that is not a take WAV, changing nothing', async () => {
    await writeFile(store.wavPath('take-aaaaaa'), 'not audio at all');
    await expect(compressTake(store, 'take-aaaaaa')).rejects.toMatchObject({ problem: 'not-a-take' });
    expect(await files()).toEqual(['take-aaaaaa.wav']);
  });

  it('removes its Opus file when the take was deleted meanwhile', async () => {
    await writeFile(store.wavPath('take-aaaaaa'), encodeMonoWav(speech.subarray(0, 16_000), 16_000));
    await expect(compressTake(store, 'take-aaaaaa')).rejects.toMatchObject({ problem: 'not-a-take' });
    expect(await files()).not.toContain('take-aaaaaa.opus');
  });
});

describe('recoverCompression (a crash during compression)', () => {
  it('removes a partial Opus file beside its WAV: the WAV is compressed again later', async () => {
    await take('take-aaaaaa');
    await writeFile(store.opusPartialPath('take-aaaaaa'), 'OggS half written');
    expect(await recoverCompression(store)).toEqual({ removedPartial: ['take-aaaaaa'], finished: [], discarded: [] });
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.wav']);
  });

  it('finishes a compression that crashed after the rename: a verified Opus file replaces the WAV', async () => {
    await take('take-aaaaaa');
    await compressTake(store, 'take-aaaaaa');
    await take('take-aaaaaa'); // the WAV is back: as if the app died before deleting it
    expect(await recoverCompression(store)).toEqual({ removedPartial: [], finished: ['take-aaaaaa'], discarded: [] });
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.opus']);
  });

  it('discards an Opus file beside the WAV that does not check out, keeping the WAV', async () => {
    await take('take-aaaaaa');
    await compressTake(store, 'take-aaaaaa');
    await take('take-aaaaaa');
    await truncate(store.opusPath('take-aaaaaa'), 9000); // cut short: decodes to less than the take
    const wav = await digest(store.wavPath('take-aaaaaa'));
    expect(await recoverCompression(store)).toEqual({ removedPartial: [], finished: [], discarded: ['take-aaaaaa'] });
    expect(await files()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.wav']);
    expect(await digest(store.wavPath('take-aaaaaa'))).toBe(wav);
  });

  it('never touches an Opus file without a WAV, nor a partial one whose WAV is gone', async () => {
    await take('take-aaaaaa');
    await compressTake(store, 'take-aaaaaa');
    await copyFile(store.opusPath('take-aaaaaa'), store.opusPartialPath('take-bbbbbb'));
    const before = await files();
    expect(await recoverCompression(store)).toEqual({ removedPartial: [], finished: [], discarded: [] });
    expect(await files()).toEqual(before);
  });
});
