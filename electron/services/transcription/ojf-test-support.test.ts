import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { renderOjf, type FixtureSegment } from './ojf-test-support';

interface Raw {
  offsets: { from: number; to: number };
  text: string;
  tokens: { text: string; offsets: { from: number; to: number }; id: number; p: number }[];
}

it("writes the engine's exact -ojf layout: the hand-written two-segments fixture, byte for byte", () => {
  const file = readFileSync(path.join(import.meta.dirname, '__fixtures__', 'two-segments.ojf.txt'), 'utf8');
  const segments: FixtureSegment[] = (JSON.parse(file) as { transcription: Raw[] }).transcription.map((s) => ({
    from: s.offsets.from,
    to: s.offsets.to,
    text: s.text,
    tokens: s.tokens.map((t) => ({ text: t.text, from: t.offsets.from, to: t.offsets.to, id: t.id, p: t.p })),
  }));
  expect(renderOjf(segments)).toBe(file);
});
