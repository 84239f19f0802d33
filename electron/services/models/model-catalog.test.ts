// The catalog's data against its source: whisper.cpp's own models/README.md as vendored by whisper-node.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogModel, DEFAULT_MODEL_NAME, MODEL_CATALOG } from './model-catalog';

const README = path.join(__dirname, '../../../node_modules/whisper-node/lib/whisper.cpp/models/README.md');

/** The "Available models" table: model name → { disk, sha }. */
function readmeTable(): Map<string, { disk: string; sha: string }> {
  const rows = new Map<string, { disk: string; sha: string }>();
  for (const line of readFileSync(README, 'utf8').split('\n')) {
    const match = /^\|\s*([\w.-]+)\s*\|\s*([\d.]+ [MG]iB)\s*\|\s*`([0-9a-f]{40})`\s*\|/.exec(line);
    if (match) rows.set(match[1] as string, { disk: match[2] as string, sha: match[3] as string });
  }
  return rows;
}

describe('model catalog', () => {
  it('offers tiny.en, base.en and small.en, with base.en as the default', () => {
    expect(MODEL_CATALOG.map((m) => m.name)).toEqual(['tiny.en', 'base.en', 'small.en']);
    expect(DEFAULT_MODEL_NAME).toBe('base.en');
    expect(catalogModel('base.en')?.fileName).toBe('ggml-base.en.bin');
    expect(catalogModel('medium')).toBeUndefined();
  });

  it('carries the SHA-1 checksums whisper.cpp publishes in its models README', () => {
    const table = readmeTable();
    expect(table.size).toBeGreaterThanOrEqual(11); // the parser really read the table
    for (const model of MODEL_CATALOG) {
      expect(model.checksum, model.name).toEqual({ algorithm: 'sha1', hex: table.get(model.name)?.sha });
    }
  });

  it('states sizes that match the README "Disk" column', () => {
    const table = readmeTable();
    for (const model of MODEL_CATALOG) {
      expect(`${model.approxBytes / (1024 * 1024)} MiB`, model.name).toBe(table.get(model.name)?.disk);
    }
  });

  it('names files and URLs the way download-ggml-model.sh does, and gives every model a UI hint', () => {
    for (const model of MODEL_CATALOG) {
      expect(model.fileName).toBe(`ggml-${model.name}.bin`);
      expect(model.url).toBe(`https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-${model.name}.bin`);
      expect(model.speed.length).toBeGreaterThan(0);
      expect(model.accuracy.length).toBeGreaterThan(0);
    }
    const sizes = MODEL_CATALOG.map((m) => m.approxBytes);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });
});
