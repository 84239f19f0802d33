// What the renderer writes to Dexie after asking main which takes are on disk.
import { describe, expect, it } from 'vitest';
import type { TakeInfo } from '../../../electron/shared/contract';
import type { Attempt } from './db';
import { attemptFromTake, reconcileTakes } from './reconcile-takes';

function take(overrides: Partial<TakeInfo> = {}): TakeInfo {
  const takeId = overrides.takeId ?? 'take-abc123';
  return {
    takeId,
    questionId: 'q-main',
    startedAt: 1_700_000_000_000,
    status: 'complete',
    durationMs: 12_345,
    fileName: `${takeId}.wav`,
    bytes: 44 + 12_345 * 32,
    gaps: [],
    ...overrides,
  };
}

function attempt(overrides: Partial<Attempt> = {}): Attempt {
  const id = overrides.id ?? 'take-abc123';
  return {
    id,
    questionId: 'q-main',
    startedAt: 1_700_000_000_000,
    durationMs: 12_345,
    fileName: `${id}.wav`,
    status: 'complete',
    droppedMs: 0,
    ...overrides,
  };
}

describe('attemptFromTake', () => {
  it('copies the take and sums its gaps into droppedMs', () => {
    const result = attemptFromTake(
      take({
        status: 'recovered',
        gaps: [
          { atMs: 100, gapMs: 40 },
          { atMs: 900, gapMs: 60.5 },
        ],
      }),
    );
    expect(result).toEqual({
      id: 'take-abc123',
      questionId: 'q-main',
      startedAt: 1_700_000_000_000,
      durationMs: 12_345,
      fileName: 'take-abc123.wav',
      status: 'recovered',
      droppedMs: 100.5,
    });
  });
});

describe('reconcileTakes', () => {
  it('turns a recovered take Dexie never heard of into a new attempt', () => {
    const recovered = take({ takeId: 'take-crash01', questionId: 'q-crash', status: 'recovered', durationMs: 4_000 });
    const changes = reconcileTakes([attempt()], [take(), recovered]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      id: 'take-crash01',
      questionId: 'q-crash',
      status: 'recovered',
      durationMs: 4_000,
      fileName: 'take-crash01.wav',
    });
  });

  it('also adopts an unknown complete take', () => {
    const changes = reconcileTakes([], [take({ takeId: 'take-new001' })]);
    expect(changes.map((c) => c.id)).toEqual(['take-new001']);
    expect(changes[0]?.status).toBe('complete');
  });

  it('updates an attempt left recording to the take’s status and duration', () => {
    const stuck = attempt({ status: 'recording', durationMs: 0 });
    const changes = reconcileTakes([stuck], [take({ status: 'recovered', durationMs: 7_500 })]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ id: 'take-abc123', status: 'recovered', durationMs: 7_500 });
  });

  it('updates an attempt left recording even when the duration already matches', () => {
    const stuck = attempt({ status: 'recording' });
    const changes = reconcileTakes([stuck], [take({ status: 'complete' })]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.status).toBe('complete');
  });

  it('updates an attempt whose duration or status differs from the file on disk', () => {
    expect(reconcileTakes([attempt({ durationMs: 1 })], [take()])[0]?.durationMs).toBe(12_345);
    expect(reconcileTakes([attempt({ status: 'complete' })], [take({ status: 'recovered' })])[0]?.status).toBe('recovered');
  });

  it('keeps the attempt’s questionId, not the take’s', () => {
    const stuck = attempt({ status: 'recording', questionId: 'q-renderer' });
    const changes = reconcileTakes([stuck], [take({ status: 'recovered', questionId: 'unknown' })]);
    expect(changes[0]?.questionId).toBe('q-renderer');
  });

  it('keeps fields only the renderer knows, such as an error note', () => {
    const stuck = attempt({ status: 'recording', error: 'the app closed while recording' });
    const changes = reconcileTakes([stuck], [take({ status: 'recovered' })]);
    expect(changes[0]?.error).toBe('the app closed while recording');
  });

  it('writes nothing for attempts that already match their takes', () => {
    const attempts = [attempt(), attempt({ id: 'take-def456', status: 'recovered', durationMs: 900 })];
    const takes = [take(), take({ takeId: 'take-def456', status: 'recovered', durationMs: 900 })];
    expect(reconcileTakes(attempts, takes)).toEqual([]);
  });

  it('ignores takes still recording, known or not', () => {
    const attempts = [attempt({ status: 'recording', durationMs: 0 })];
    const takes = [take({ status: 'recording', durationMs: 3_000 }), take({ takeId: 'take-live001', status: 'recording' })];
    expect(reconcileTakes(attempts, takes)).toEqual([]);
  });

  it('leaves attempts main does not know alone', () => {
    const attempts = [attempt({ id: 'take-gone001', status: 'recording' }), attempt({ id: 'take-failed1', status: 'failed' })];
    expect(reconcileTakes(attempts, [])).toEqual([]);
  });

  it('does not mutate its inputs', () => {
    const attempts = [attempt({ status: 'recording', durationMs: 0 })];
    const takes = [take({ status: 'recovered' })];
    const before = JSON.stringify({ attempts, takes });
    reconcileTakes(attempts, takes);
    expect(JSON.stringify({ attempts, takes })).toBe(before);
  });
});
