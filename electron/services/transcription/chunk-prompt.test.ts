import { describe, expect, it } from 'vitest';
import { chunkPrompt, FIRST_CHUNK_PROMPT, MAX_PROMPT_CHARS, toAscii } from './chunk-prompt';
import type { Transcript } from './transcript';

const said = (...lines: string[]): Transcript => ({
  segments: lines.map((text, i) => ({ startMs: i * 1_000, endMs: i * 1_000 + 900, text, words: [] })),
});

describe('chunkPrompt', () => {
  it('starts a take with the short verbatim prompt, which is within the limit and does not start with "I\'m"', () => {
    expect(chunkPrompt(null)).toBe(FIRST_CHUNK_PROMPT);
    expect(FIRST_CHUNK_PROMPT.length).toBeLessThanOrEqual(MAX_PROMPT_CHARS);
  });

  it('continues from the last whole words of the text before, after "Um, uh,", within 32 characters', () => {
    const prompt = chunkPrompt({
      transcript: said('So the first thing.', "I'm going to say that the launch, um, slipped"),
      loopCut: false,
    });
    expect(prompt).toBe('Um, uh, the launch, um, slipped');
    expect(prompt.length).toBeLessThanOrEqual(MAX_PROMPT_CHARS);
    // A text that starts with "I'm" still gives a prompt that does not.
    expect(chunkPrompt({ transcript: said("I'm sure."), loopCut: false })).toBe("Um, uh, I'm sure.");
  });

  it('feeds nothing forward after a loop, after no text, or when one word is already too long', () => {
    expect(chunkPrompt({ transcript: said('we shipped it'), loopCut: true })).toBe(FIRST_CHUNK_PROMPT);
    expect(chunkPrompt({ transcript: said(), loopCut: false })).toBe(FIRST_CHUNK_PROMPT);
    expect(chunkPrompt({ transcript: said('Supercalifragilisticexpialidocious'), loopCut: false })).toBe(FIRST_CHUNK_PROMPT);
  });

  it('is plain ASCII on Windows, where the engine reads its arguments in the ANSI code page', () => {
    const transcript = said('José said “naïve” — fine… 日本');
    const win = chunkPrompt({ transcript, loopCut: false }, 'win32');
    expect(win).toMatch(/^[\x20-\x7e]*$/);
    expect(win).toBe('Um, uh, said "naive" - fine...');
    expect(chunkPrompt({ transcript, loopCut: false }, 'linux')).toBe('Um, uh, said “naïve” — fine… 日本');
    expect(toAscii('Zoë’s café')).toBe("Zoe's cafe");
  });
});
