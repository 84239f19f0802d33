import { describe, expect, it } from 'vitest';
import { isAnnotation, removeAnnotations } from './annotations';
import { fixtureTranscript, wordsOf } from './guard-test-support';

describe('removeAnnotations', () => {
  it('removes [BLANK_AUDIO], *sigh*, (laughs) and ♪ as the engine tokenises them, and keeps the words around them', () => {
    const { transcript, removed } = removeAnnotations(fixtureTranscript('guard-times.ojf.txt'));
    expect(removed).toBe(4);
    expect(wordsOf(transcript)).toEqual(['Well', 'okay', 'so', 'the', 'second', 'Okay.', 'and', 'more']);
    // The [BLANK_AUDIO] line is gone; the others read without the notes.
    expect(transcript.segments.map((s) => s.text)).toEqual(['Well okay so', 'the second Okay.', 'and more']);
    expect(transcript.segments[0]?.words[0]).toMatchObject({ text: 'Well', startMs: 1_000 });
  });

  it('removes a note over two words as one, and keeps a line without notes as it is', () => {
    const segment = {
      startMs: 0,
      endMs: 2_000,
      text: '(upbeat music) Hello.',
      words: [
        { text: '(upbeat', startMs: 0, endMs: 500 },
        { text: 'music)', startMs: 500, endMs: 1_000 },
        { text: 'Hello.', startMs: 1_000, endMs: 2_000 },
      ],
    };
    const plain = { startMs: 2_000, endMs: 3_000, text: 'No notes.', words: [{ text: 'No', startMs: 2_000, endMs: 2_500 }] };
    const { transcript, removed } = removeAnnotations({ segments: [segment, plain] });
    expect(removed).toBe(1);
    expect(transcript.segments[0]).toMatchObject({ text: 'Hello.', words: [{ text: 'Hello.', startMs: 1_000 }] });
    expect(transcript.segments[1]).toBe(plain);
  });

  it('tells annotations from words', () => {
    for (const note of ['[BLANK_AUDIO]', '(laughs)', '[Music]', '♪', '♪♪', '*sigh*', '(laughs).']) expect(isAnnotation(note)).toBe(true);
    for (const word of ['Hello', 'um', '(laughs', 'a*b', '2*3', '']) expect(isAnnotation(word)).toBe(false);
  });
});
