// The dispatcher is the one gate between a transport and the services: whatever a sender passes,
// the caller gets a Result, and only a payload that matches the contract reaches a handler.
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../shared/contract';
import { createDispatcher, type Handlers } from './dispatcher';
import { ServiceError } from './service-error';

const TAKE = 'take-abc123';

function transcriptionState({ takeId }: { takeId: string }) {
  return { takeId, status: 'queued' as const, progress: 0, transcript: null, error: null, errorCode: null, afterStopMs: null };
}

function modelsState() {
  return { catalog: [], active: null, download: null };
}

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': vi.fn(() => ({ version: '1.2.3', host: 'browser' as const })),
    'recording.start': vi.fn(() => ({ takeId: TAKE, fileName: `${TAKE}.wav`, startedAt: 1 })),
    'recording.chunk': vi.fn(() => ({ receivedChunks: 1, writtenMs: 0 })),
    'recording.stop': vi.fn(() => ({
      takeId: TAKE,
      questionId: 'q1',
      startedAt: 1,
      status: 'complete' as const,
      durationMs: 0,
      fileName: `${TAKE}.wav`,
      bytes: 44,
      gaps: [],
    })),
    'recordings.list': vi.fn(() => []),
    'transcription.get': vi.fn(transcriptionState),
    'transcription.cancel': vi.fn(transcriptionState),
    'transcription.retry': vi.fn(transcriptionState),
    'models.get': vi.fn(modelsState),
    'models.download': vi.fn(modelsState),
    'models.cancelDownload': vi.fn(modelsState),
    'models.importFile': vi.fn(modelsState),
    'hesitations.get': vi.fn(() => ({ hesitations: [], basedOnTranscript: false })),
    'recordings.delete': vi.fn(() => ({ deleted: 0, bytesFreed: 0 })),
    'storage.usage': vi.fn(() => ({ recordingsBytes: 0, transcriptsBytes: 0, modelsBytes: 0, takes: 0 })),
    'files.save': vi.fn(() => ({ saved: true, path: '/tmp/x.txt' })),
    'files.saveMany': vi.fn(() => ({ saved: true, folder: '/tmp', count: 1 })),
    'backup.create': vi.fn(() => ({ saved: true, path: '/tmp/b.zip', bytes: 1, takes: 0 })),
    'backup.files': vi.fn(() => ({ folder: null, files: [] })),
    'backup.progress': vi.fn(() => null),
    'backup.cancel': vi.fn(() => null),
    'backup.restore': vi.fn(() => ({
      restored: true as const,
      records: {
        format: 'rehearse-records' as const,
        version: 1 as const,
        questions: [],
        attempts: [],
        transcripts: [],
        hesitations: [],
        loops: [],
      },
      audioRestored: 0,
      audioAlreadyPresent: 0,
      audioConflicts: [],
    })),
    ...overrides,
  };
}

function expectError(result: Result<unknown>, code: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expect(typeof result.error.message).toBe('string');
  return result.error.message;
}

describe('createDispatcher: channel', () => {
  it('refuses an unknown channel without calling any handler, naming it', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers);
    const message = expectError(await dispatch('recording.delete', {}), 'unknown-channel');
    expect(message).toContain('recording.delete');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it.each([[42], [null], [undefined], [{ toString: () => 'app.info' }], [['app.info']]])(
    'refuses a non-string channel %j',
    async (channel) => {
      const handlers = fakeHandlers();
      const result = await createDispatcher(handlers)(channel, {});
      expectError(result, 'unknown-channel');
      expect(handlers['app.info']).not.toHaveBeenCalled();
    },
  );

  it('does not treat inherited object keys as channels', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expectError(await dispatch(name, {}), 'unknown-channel');
    }
  });
});

describe('createDispatcher: payload validation', () => {
  it('refuses a payload of the wrong type, naming the channel', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers);
    for (const payload of ['questionId', 42, ['q1'], true]) {
      const message = expectError(await dispatch('recording.start', payload), 'bad-request');
      expect(message).toContain('recording.start');
    }
    expect(handlers['recording.start']).not.toHaveBeenCalled();
  });

  it('names the missing field', async () => {
    const handlers = fakeHandlers();
    const message = expectError(await createDispatcher(handlers)('recording.start', {}), 'bad-request');
    expect(message).toContain('recording.start');
    expect(message).toContain('questionId');
    expect(handlers['recording.start']).not.toHaveBeenCalled();
  });

  it('names a field of the wrong type', async () => {
    const handlers = fakeHandlers();
    const message = expectError(
      await createDispatcher(handlers)('recording.chunk', { takeId: TAKE, seq: '0', bytes: new Uint8Array([1]) }),
      'bad-request',
    );
    expect(message).toContain('recording.chunk');
    expect(message).toContain('seq');
    expect(handlers['recording.chunk']).not.toHaveBeenCalled();
  });

  it('refuses a take id that is a path', async () => {
    const handlers = fakeHandlers();
    const message = expectError(await createDispatcher(handlers)('recording.stop', { takeId: '../../etc/passwd' }), 'bad-request');
    expect(message).toContain('recording.stop');
    expect(message).toContain('takeId');
    expect(handlers['recording.stop']).not.toHaveBeenCalled();
  });

  it('refuses extra keys (strict), naming them', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers);
    const message = expectError(await dispatch('recording.start', { questionId: 'q1', admin: true }), 'bad-request');
    expect(message).toContain('recording.start');
    expect(message).toContain('admin');
    const infoMessage = expectError(await dispatch('app.info', { debug: 1 }), 'bad-request');
    expect(infoMessage).toContain('app.info');
    expect(infoMessage).toContain('debug');
    expect(handlers['recording.start']).not.toHaveBeenCalled();
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('refuses chunk bytes that are empty or not a Uint8Array', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers);
    expect(expectError(await dispatch('recording.chunk', { takeId: TAKE, seq: 0, bytes: new Uint8Array(0) }), 'bad-request')).toContain(
      'bytes',
    );
    expect(expectError(await dispatch('recording.chunk', { takeId: TAKE, seq: 0, bytes: [1, 2, 3] }), 'bad-request')).toContain('bytes');
    expect(expectError(await dispatch('recording.chunk', { takeId: TAKE, seq: -1, bytes: new Uint8Array([1]) }), 'bad-request')).toContain(
      'seq',
    );
    expect(expectError(await dispatch('recording.chunk', { takeId: TAKE, seq: 1.5, bytes: new Uint8Array([1]) }), 'bad-request')).toContain(
      'seq',
    );
    expect(handlers['recording.chunk']).not.toHaveBeenCalled();
  });

  it('passes a valid payload to its handler, parsed', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers);
    const bytes = new Uint8Array([1, 2, 3]);
    const result = await dispatch('recording.chunk', { takeId: TAKE, seq: 3, bytes });
    expect(result).toEqual({ ok: true, value: { receivedChunks: 1, writtenMs: 0 } });
    expect(handlers['recording.chunk']).toHaveBeenCalledTimes(1);
    expect(handlers['recording.chunk']).toHaveBeenCalledWith({ takeId: TAKE, seq: 3, bytes });
  });

  it('accepts a missing payload for a channel that takes none', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    expect(await dispatch('app.info', undefined)).toEqual({ ok: true, value: { version: '1.2.3', host: 'browser' } });
    expect(await dispatch('recordings.list', {})).toEqual({ ok: true, value: [] });
  });
});

describe('createDispatcher: handler failures', () => {
  it('keeps the code and message of a ServiceError', async () => {
    const dispatch = createDispatcher(
      fakeHandlers({
        'recording.stop': () => {
          throw new ServiceError('not-found', `${TAKE} is not being recorded`);
        },
      }),
    );
    expect(await dispatch('recording.stop', { takeId: TAKE })).toEqual({
      ok: false,
      error: { code: 'not-found', message: `${TAKE} is not being recorded` },
    });
  });

  it('keeps the code of a ServiceError from an async handler', async () => {
    const dispatch = createDispatcher(
      fakeHandlers({ 'recording.chunk': () => Promise.reject(new ServiceError('conflict', 'out of order')) }),
    );
    const message = expectError(await dispatch('recording.chunk', { takeId: TAKE, seq: 0, bytes: new Uint8Array([1]) }), 'conflict');
    expect(message).toBe('out of order');
  });

  it('turns a plain Error into an internal error naming the channel, logged, never a rejection', async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(
      fakeHandlers({
        'recordings.list': () => {
          throw new Error('disk on fire');
        },
      }),
      log,
    );
    const settled = dispatch('recordings.list', {});
    await expect(settled).resolves.toBeDefined();
    const message = expectError(await settled, 'internal');
    expect(message).toContain('recordings.list');
    expect(message).toContain('disk on fire');
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toContain('disk on fire');
  });

  it('turns a rejected promise and a thrown non-Error into internal errors', async () => {
    const dispatch = createDispatcher(
      fakeHandlers({
        'recording.start': () => Promise.reject(new TypeError('bad state')),
        'recordings.list': () => {
          throw 'a string';
        },
      }),
    );
    expect(expectError(await dispatch('recording.start', { questionId: 'q1' }), 'internal')).toContain('bad state');
    expect(expectError(await dispatch('recordings.list', {}), 'internal')).toContain('a string');
  });
});

describe('createDispatcher: deleting, storage, saving and backups', () => {
  const data = new Uint8Array([1, 2, 3]);

  /** Dispatches a payload the contract must refuse; returns the message, having checked no handler ran. */
  async function refused(channel: string, payload: unknown): Promise<string> {
    const handlers = fakeHandlers();
    const message = expectError(await createDispatcher(handlers)(channel, payload), 'bad-request');
    expect(message).toContain(channel);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
    return message;
  }

  it('recordings.delete: needs 1 to 10,000 distinct take ids, never a path', async () => {
    expect(await refused('recordings.delete', { takeIds: [] })).toMatch(/takeIds/);
    expect(await refused('recordings.delete', { takeIds: ['../x'] })).toMatch(/takeIds\.0/);
    expect(await refused('recordings.delete', { takeIds: [TAKE, 'take-../../etc'] })).toMatch(/takeIds\.1/);
    expect(await refused('recordings.delete', { takeIds: [TAKE, TAKE] })).toMatch(/takeIds\.1: "take-abc123" is listed twice/);
    const many = Array.from({ length: 10_001 }, (_, i) => `take-${String(i).padStart(6, '0')}`);
    expect(await refused('recordings.delete', { takeIds: many })).toMatch(/takeIds/);
    expect(await refused('recordings.delete', { takeId: TAKE })).toMatch(/takeId/);
  });

  it('storage.usage takes no payload', async () => {
    expect(await refused('storage.usage', { all: true })).toMatch(/all/);
  });

  it.each([
    ['../x.txt'],
    ['/etc/passwd'],
    ['a'],
    ['x/y.txt'],
    ['x\\y.txt'],
    ['.hidden.txt'],
    ['..'],
    ['name.toolong'],
    ['CON.txt'],
    ['nul.pdf'],
    [`${'a'.repeat(117)}.txt`],
    [''],
  ])('files.save refuses the name %j', async (suggestedName) => {
    expect(await refused('files.save', { suggestedName, data })).toMatch(/suggestedName/);
  });

  it('files.save: data must be 1 byte to 200 MiB of bytes', async () => {
    expect(await refused('files.save', { suggestedName: 'a.txt', data: 'text' })).toMatch(/data/);
    expect(await refused('files.save', { suggestedName: 'a.txt', data: [1, 2] })).toMatch(/data/);
    expect(await refused('files.save', { suggestedName: 'a.txt', data: new Uint8Array(0) })).toMatch(/data: must be 1 byte to 200 MiB/);
    expect(await refused('files.save', { suggestedName: 'a.txt', data: new Uint8Array(200 * 1024 * 1024 + 1) })).toMatch(/data/);
    expect(await refused('files.save', { suggestedName: 'a.txt', data, path: '/etc' })).toMatch(/path/);
  });

  it('files.save passes a good name to its handler', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers);
    for (const suggestedName of ['answers.pdf', 'Take 3 (final) - v2.WAV', 'rehearse-backup-2026-01-31.zip', 'a_b.c1']) {
      expect(await dispatch('files.save', { suggestedName, data })).toMatchObject({ ok: true });
    }
    expect(handlers['files.save']).toHaveBeenCalledTimes(4);
  });

  it('files.saveMany: 1 to 10,000 files, safe names used once, 500 MiB in all', async () => {
    expect(await refused('files.saveMany', { files: [] })).toMatch(/files/);
    expect(await refused('files.saveMany', { files: [{ name: '../a.txt', data }] })).toMatch(/files\.0\.name/);
    expect(await refused('files.saveMany', { files: [{ name: 'a.txt', data: 'abc' }] })).toMatch(/files\.0\.data/);
    expect(
      await refused('files.saveMany', {
        files: [
          { name: 'a.txt', data },
          { name: 'a.txt', data },
        ],
      }),
    ).toMatch(/files\.1\.name: "a.txt" is listed twice/);
    const big = new Uint8Array(200 * 1024 * 1024);
    const tooMuch = ['a.bin', 'b.bin', 'c.bin'].map((name) => ({ name, data: big }));
    expect(await refused('files.saveMany', { files: tooMuch })).toMatch(/files: must hold at most 500 MiB/);
  });

  it('backup.create takes the records; backup.restore a plain file name at most, never the backup’s bytes or a path', async () => {
    expect(await refused('backup.create', { records: '{"format":"rehearse-records"}' })).toMatch(/records/);
    expect(await refused('backup.create', { records: new Uint8Array(0) })).toMatch(/records/);
    expect(await refused('backup.create', {})).toMatch(/records/);
    expect(await refused('backup.restore', { data })).toMatch(/data/);
    expect(await refused('backup.restore', { fileName: '../../etc/passwd.zip' })).toMatch(/fileName: must be a plain file name/);
    expect(await refused('backup.restore', { fileName: '/tmp/b.zip' })).toMatch(/fileName/);
    expect(await refused('backup.restore', { fileName: 'b.zip', overwrite: true })).toMatch(/overwrite/);
    expect(await refused('backup.progress', { kind: 'create' })).toMatch(/kind/);
    expect(await refused('backup.cancel', { now: true })).toMatch(/now/);
  });
});
