// SRT checked with the `subtitle` parser: no parse errors, cues numbered from 1, timestamps as
// HH:MM:SS,mmm, cues increasing without overlap, every transcript word present in order.
import { parseSync, type NodeCue } from 'subtitle';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../contract';
import { ANSWER, timedSegment, transcriptOf, transcriptWords } from './export-test-support';
import { exportSrt, srtTime } from './srt';

const TIMING = /^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$/;

/** Parses the SRT and checks everything that must hold for any transcript; returns the cues. */
function checkSrt(srt: string, transcript: Transcript): NodeCue['data'][] {
  const nodes = parseSync(srt); // throws on a malformed file
  const cues = nodes.map((node) => {
    expect(node.type).toBe('cue');
    return (node as NodeCue).data;
  });
  const blocks = srt === '' ? [] : srt.replace(/\n$/, '').split('\n\n');
  expect(blocks).toHaveLength(cues.length);
  blocks.forEach((block, i) => {
    const [number, timing, ...lines] = block.split('\n');
    expect(number).toBe(String(i + 1));
    expect(timing).toMatch(TIMING);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.trim() !== '')).toBe(true);
  });
  cues.forEach((cue, i) => {
    expect(cue.end).toBeGreaterThan(cue.start);
    if (i > 0) expect(cue.start).toBeGreaterThanOrEqual((cues[i - 1] as NodeCue['data']).end);
  });
  expect(cues.flatMap((cue) => cue.text.split(/\s+/))).toEqual(transcriptWords(transcript));
  return cues;
}

describe('exportSrt', () => {
  it('writes numbered cues the subtitle parser reads back', () => {
    const srt = exportSrt({ transcript: ANSWER });
    expect(srt.startsWith('1\n00:00:01,500 --> 00:00:04,800\nUm, at the time I was responsible\nfor the billing service.\n\n2\n')).toBe(
      true,
    );
    expect(srt.endsWith('flag.\n')).toBe(true);
    const cues = checkSrt(srt, ANSWER);
    expect(cues).toHaveLength(4);
    expect(cues[0]).toMatchObject({ start: 1500, end: 4800 });
  });

  it('formats times as HH:MM:SS,mmm', () => {
    expect(srtTime(0)).toBe('00:00:00,000');
    expect(srtTime(61_005)).toBe('00:01:01,005');
    expect(srtTime(2 * 3_600_000 + 59 * 60_000 + 59_999)).toBe('02:59:59,999');
    expect(srtTime(123 * 3_600_000)).toBe('123:00:00,000');
    expect(srtTime(-5)).toBe('00:00:00,000');
  });

  it('a 2-hour take: timestamps past one hour', () => {
    const segments = Array.from({ length: 120 }, (_, i) => timedSegment(`Minute ${i} is here.`, i * 60_000 + 500));
    const transcript = transcriptOf(...segments);
    const srt = exportSrt({ transcript });
    const cues = checkSrt(srt, transcript);
    expect(cues).toHaveLength(120);
    expect(cues.at(-1)).toMatchObject({ start: 119 * 60_000 + 500 });
    expect(srt).toContain('\n01:59:00,500 --> 01:59:01,700\nMinute 119 is here.\n');
    expect(srt).toContain('\n01:00:00,500 --> ');
  });

  it('clamps overlapping and backwards whisper times', () => {
    const transcript: Transcript = {
      segments: [
        {
          startMs: 0,
          endMs: 3000,
          text: 'One two. Three four.',
          words: [
            { text: ' One', startMs: 0, endMs: 800 },
            { text: ' two.', startMs: 600, endMs: 2000 },
            { text: ' Three', startMs: 1500, endMs: 1400 },
            { text: ' four.', startMs: 1000, endMs: 1900 },
          ],
        },
        { startMs: 1000, endMs: 1500, text: 'Back.', words: [{ text: ' Back.', startMs: 1000, endMs: 1500 }] },
      ],
    };
    const cues = checkSrt(exportSrt({ transcript }), transcript);
    expect(cues.map((c) => [c.text, c.start, c.end])).toEqual([
      ['One two.', 0, 2000],
      ['Three four.', 2000, 2500],
      ['Back.', 2500, 3000],
    ]);
  });

  it('keeps "<b>&" as written, but never writes "-->" in text', () => {
    const transcript = transcriptOf(timedSegment('I typed <b>&amp; and AT&T <i>x</i> then a --> b.', 0));
    const srt = exportSrt({ transcript });
    expect(srt).toContain('<b>&amp;');
    expect(srt.split('\n').filter((line) => line.includes('-->'))).toEqual([expect.stringMatching(TIMING)]);
    const parsed = parseSync(srt) as NodeCue[];
    expect(parsed[0]?.data.text.replace(/\n/g, ' ')).toBe('I typed <b>&amp; and AT&T <i>x</i> then a -> b.');
  });

  it('an empty transcript is an empty file', () => {
    expect(exportSrt({ transcript: { segments: [] } })).toBe('');
    checkSrt('', { segments: [] });
  });

  it('a segment without words falls back to one cue for the segment', () => {
    const transcript = transcriptOf(timedSegment('Timed words.', 0), {
      startMs: 2000,
      endMs: 6000,
      text: 'No word timing in this segment.',
      words: [],
    });
    const cues = checkSrt(exportSrt({ transcript }), transcript);
    expect(cues.map((c) => [c.text, c.start, c.end])).toEqual([
      ['Timed words.', 0, 600],
      ['No word timing in this segment.', 2000, 6000],
    ]);
  });
});
