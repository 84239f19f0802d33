import { describe, expect, it } from 'vitest';
import { CancelledError, TranscriptionQueue } from './transcription-queue';

/** A job that records when it runs and finishes when told to (or when aborted). */
function controllable(log: string[], name: string) {
  let finish: (value: string) => void = () => {};
  const job = {
    key: name.split(':')[0] ?? name,
    run: (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        finish = (value) => resolve(value);
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
  };
  return { job, finish: (value = name) => finish(value) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TranscriptionQueue', () => {
  it('runs one job at a time, in the order added', async () => {
    const log: string[] = [];
    const queue = new TranscriptionQueue();
    const a = controllable(log, 'a:1');
    const b = controllable(log, 'b:1');
    const pa = queue.add(a.job);
    const pb = queue.add(b.job);
    await tick();
    expect(log).toEqual(['start a:1']);
    expect(queue.pending).toBe(2);
    a.finish();
    expect(await pa).toBe('a:1');
    await tick();
    expect(log).toEqual(['start a:1', 'start b:1']);
    b.finish();
    expect(await pb).toBe('b:1');
    expect(queue.busy).toBe(false);
  });

  it('cancels waiting jobs of a key without running them, and the rest carry on', async () => {
    const log: string[] = [];
    const queue = new TranscriptionQueue();
    const a = controllable(log, 'a:1');
    const b1 = controllable(log, 'b:1');
    const b2 = controllable(log, 'b:2');
    const c = controllable(log, 'c:1');
    const pa = queue.add(a.job);
    const pb1 = queue.add(b1.job);
    const pb2 = queue.add(b2.job);
    const pc = queue.add(c.job);
    queue.cancel('b');
    await expect(pb1).rejects.toBeInstanceOf(CancelledError);
    await expect(pb2).rejects.toBeInstanceOf(CancelledError);
    a.finish();
    await pa;
    await tick();
    c.finish();
    await pc;
    expect(log).toEqual(['start a:1', 'start c:1']);
  });

  it('aborts the running job of a key and starts the next one', async () => {
    const log: string[] = [];
    const queue = new TranscriptionQueue();
    const a = controllable(log, 'a:1');
    const b = controllable(log, 'b:1');
    const pa = queue.add(a.job);
    const pb = queue.add(b.job);
    await tick();
    queue.cancel('a');
    await expect(pa).rejects.toBeInstanceOf(CancelledError);
    await tick();
    expect(log).toEqual(['start a:1', 'start b:1']);
    b.finish();
    expect(await pb).toBe('b:1');
  });

  it('keeps going after a job fails', async () => {
    const queue = new TranscriptionQueue();
    const failing = queue.add({ key: 'x', run: () => Promise.reject(new Error('engine crashed')) });
    const next = queue.add({ key: 'y', run: async () => 'ok' });
    await expect(failing).rejects.toThrow('engine crashed');
    expect(await next).toBe('ok');
  });
});
