import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Transcript as ContractTranscript } from '../../shared/contract';
import { mergeTranscripts, offsetTranscript, transcriptText, type Transcript } from './transcript';

const part = (startMs: number, text: string): Transcript => ({
  segments: [{ startMs, endMs: startMs + 1000, text, words: [{ text, startMs, endMs: startMs + 1000, p: 0.5 }] }],
});

describe('transcript helpers', () => {
  it('is the same shape as the contract Transcript, both ways', () => {
    expectTypeOf<Transcript>().toExtend<ContractTranscript>();
    expectTypeOf<ContractTranscript>().toExtend<Transcript>();
  });

  it('offsetTranscript moves segments and words, leaves the input alone', () => {
    const original = part(0, 'hi');
    const moved = offsetTranscript(original, 30_000);
    expect(moved).toEqual({
      segments: [{ startMs: 30_000, endMs: 31_000, text: 'hi', words: [{ text: 'hi', startMs: 30_000, endMs: 31_000, p: 0.5 }] }],
    });
    expect(original.segments[0]?.startMs).toBe(0);
  });

  it('mergeTranscripts joins chunk transcripts in time order, keeping ties in part order', () => {
    const merged = mergeTranscripts([part(30_000, 'b'), part(0, 'a'), { segments: [] }, part(30_000, 'c')]);
    expect(merged.segments.map((s) => s.text)).toEqual(['a', 'b', 'c']);
    expect(mergeTranscripts([])).toEqual({ segments: [] });
  });

  it('transcriptText is one line per segment', () => {
    expect(transcriptText(mergeTranscripts([part(0, 'one'), part(1000, 'two')]))).toBe('one\ntwo');
  });
});
