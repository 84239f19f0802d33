import { describe, expect, it } from 'vitest';
import { Transcript } from '../contract';
import { ANSWER, FULL_TAKE } from './export-test-support';
import { exportJson } from './json';

describe('exportJson', () => {
  it('round-trips through the Transcript schema, keeping every word and its times', () => {
    const text = exportJson({ transcript: ANSWER });
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['segments', 'metrics']);
    expect(Transcript.parse(doc)).toEqual(ANSWER);
    // Nothing heard (the CLI): the transcript's fillers, the heard count unknown.
    expect(doc.metrics).toMatchObject({ wordCount: 43, fillerCount: 1, transcribedFillerCount: 1, heardFillerCount: null });
  });

  it('adds question, take and checklist when given, and metrics with the target, recorded length and heard fillers', () => {
    const doc = JSON.parse(exportJson(FULL_TAKE)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['segments', 'question', 'take', 'checklist', 'metrics']);
    expect(doc.question).toEqual(FULL_TAKE.question);
    expect(doc.take).toEqual(FULL_TAKE.take);
    expect(doc.checklist).toEqual(FULL_TAKE.checklist);
    expect(doc.metrics).toMatchObject({ durationMs: 25_000, targetSec: 90, durationVsTarget: 0.28 });
    // Transcribed + confirmed heard fillers, and the heard ones not confirmed apart.
    expect(doc.metrics).toMatchObject({ fillerCount: 2, transcribedFillerCount: 1, confirmedFillerCount: 1, heardFillerCount: 1 });
    expect(Transcript.parse(doc)).toEqual(ANSWER);
  });

  it('keeps only the contract fields of words and segments, and p only when present', () => {
    const transcript = {
      segments: [
        {
          startMs: 0,
          endMs: 900,
          text: 'Hi there',
          extra: 1,
          words: [
            { text: ' Hi', startMs: 0, endMs: 400, p: 0.5, junk: true },
            { text: ' there', startMs: 400, endMs: 900 },
          ],
        },
      ],
    } as unknown as Transcript;
    const doc = JSON.parse(exportJson({ transcript })) as { segments: Record<string, unknown>[] };
    expect(doc.segments).toEqual([
      {
        startMs: 0,
        endMs: 900,
        text: 'Hi there',
        words: [
          { text: ' Hi', startMs: 0, endMs: 400, p: 0.5 },
          { text: ' there', startMs: 400, endMs: 900 },
        ],
      },
    ]);
  });

  it('an empty transcript', () => {
    const doc = JSON.parse(exportJson({ transcript: { segments: [] } })) as Record<string, unknown>;
    expect(doc.segments).toEqual([]);
    expect(doc.metrics).toMatchObject({ wordCount: 0, wpm: null });
  });
});
