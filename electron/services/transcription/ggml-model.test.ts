import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_MODEL, TINY_MODEL } from './engine-test-support';
import { checkGgmlModel } from './ggml-model';
import { TranscriptionError } from './transcription-error';

let dir: string;
let model: Buffer;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-ggml-test-'));
  model = await fs.readFile(TINY_MODEL);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function write(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

async function codeOf(file: string): Promise<[string, string]> {
  const error = await checkGgmlModel(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranscriptionError);
  const { code, message } = error as TranscriptionError;
  return [code, message];
}

describe('checkGgmlModel', () => {
  it('accepts the test models: a complete header with no tensors (whisper.cpp runs them as empty models)', async () => {
    expect(await checkGgmlModel(TINY_MODEL)).toEqual({ vocabSize: 51864, audioLayers: 4, hasTensors: false });
    expect(await checkGgmlModel(BASE_MODEL)).toEqual({ vocabSize: 51864, audioLayers: 6, hasTensors: false });
  });

  it('accepts a model with tensor data after the vocabulary', async () => {
    const file = await write('with-tensors.bin', Buffer.concat([model, Buffer.alloc(64, 1)]));
    expect(await checkGgmlModel(file)).toMatchObject({ hasTensors: true });
  });

  it('reports a missing model as model-missing', async () => {
    const [code, message] = await codeOf(path.join(dir, 'nope.bin'));
    expect(code).toBe('model-missing');
    expect(message).toContain('nope.bin');
  });

  it('refuses random bytes and an empty file (no ggml magic)', async () => {
    const random = Buffer.alloc(5000);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
    expect(await codeOf(await write('random.bin', random))).toEqual(['model-invalid', expect.stringMatching(/not a whisper.cpp model/)]);
    expect((await codeOf(await write('empty.bin', Buffer.alloc(0))))[0]).toBe('model-invalid');
  });

  it('refuses a model cut anywhere in its header, mel filters or vocabulary (whisper.cpp would run it as silence)', async () => {
    for (const [bytes, where] of [
      [20, 'header'],
      [60, 'mel filters'],
      [200_000, 'vocabulary'],
      [model.length - 1, 'vocabulary'],
    ] as const) {
      const [code, message] = await codeOf(await write(`cut-${bytes}.bin`, model.subarray(0, bytes)));
      expect(code).toBe('model-invalid');
      expect(message).toContain(`truncated (it ends inside its ${where})`);
    }
  });

  it('refuses a model cut inside the first tensor header', async () => {
    const [code] = await codeOf(await write('cut-tensor.bin', Buffer.concat([model, Buffer.alloc(5)])));
    expect(code).toBe('model-invalid');
  });

  it('refuses a folder', async () => {
    expect((await codeOf(dir))[0]).toBe('model-invalid');
  });
});
