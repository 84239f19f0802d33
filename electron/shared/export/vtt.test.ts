// WebVTT checked with W3C's webvtt-parser: no errors, timestamps as HH:MM:SS.mmm, cues increasing without
// overlap, every transcript word present in order once the text is unescaped; and the subtitle parser too.
import { parseSync, type NodeCue } from 'subtitle';
import { describe, expect, it } from 'vitest';
import webvtt, { type WebVTTCue, type WebVTTNode } from 'webvtt-parser';
// The parser's built-in entity table lacks the ";" forms ("&amp;" reads as "&;"); the spec's full table fixes that.
import entities from 'webvtt-parser/html-entities.json';
import type { Transcript } from '../contract';
import { ANSWER, timedSegment, transcriptOf, transcriptWords } from './export-test-support';
import { escapeVtt, exportVtt, vttTime } from './vtt';

const TIMING = /^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$/;

/** The cue's text as a viewer sees it: entities decoded, no tags. */
function plain(nodes: WebVTTNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? String(node.value) : plain(node.children ?? []))).join('');
}

function checkVtt(vtt: string, transcript: Transcript): WebVTTCue[] {
  const { cues, errors } = new webvtt.WebVTTParser(entities).parse(vtt);
  expect(errors).toEqual([]);
  expect(vtt).toMatch(/^WEBVTT\n(\n|$)/);
  const timings = vtt.split('\n').filter((line) => line.includes('-->'));
  expect(timings).toHaveLength(cues.length);
  for (const timing of timings) expect(timing).toMatch(TIMING);
  cues.forEach((cue, i) => {
    expect(cue.endTime).toBeGreaterThan(cue.startTime);
    if (i > 0) expect(cue.startTime).toBeGreaterThanOrEqual((cues[i - 1] as WebVTTCue).endTime);
    expect(cue.tree.children.every((node) => node.type === 'text')).toBe(true);
  });
  expect(cues.flatMap((cue) => plain(cue.tree.children).split(/\s+/))).toEqual(transcriptWords(transcript));
  // The subtitle library reads it too, with the same times.
  const other = parseSync(vtt).filter((node): node is NodeCue => node.type === 'cue');
  expect(other.map((node) => [node.data.start, node.data.end])).toEqual(
    cues.map((cue) => [Math.round(cue.startTime * 1000), Math.round(cue.endTime * 1000)]),
  );
  return cues;
}

describe('exportVtt', () => {
  it('writes a WEBVTT file the W3C parser accepts without errors', () => {
    const vtt = exportVtt({ transcript: ANSWER });
    expect(vtt.startsWith('WEBVTT\n\n00:00:01.500 --> 00:00:04.800\nUm, at the time I was responsible\nfor the billing service.\n\n')).toBe(
      true,
    );
    const cues = checkVtt(vtt, ANSWER);
    expect(cues).toHaveLength(4);
    expect(cues[3]).toMatchObject({ startTime: 20, endTime: 22.7 });
  });

  it('formats times as HH:MM:SS.mmm', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(3_723_004)).toBe('01:02:03.004');
  });

  it('escapes &, < and >, so "<b>&" is text and "-->" never appears in a cue', () => {
    expect(escapeVtt('a <b>&amp; --> c')).toBe('a &lt;b&gt;&amp;amp; --&gt; c');
    const transcript = transcriptOf(timedSegment('I typed <b>&amp; and AT&T <i>x</i> then a --> b. <v Bob>hi</v>', 0));
    const vtt = exportVtt({ transcript });
    expect(vtt).toContain('&lt;b&gt;&amp;amp;');
    expect(vtt.split('\n').filter((line) => line.includes('-->'))).toEqual([expect.stringMatching(TIMING), expect.stringMatching(TIMING)]);
    checkVtt(vtt, transcript);
  });

  it('a 2-hour take: timestamps past one hour', () => {
    const segments = Array.from({ length: 240 }, (_, i) => timedSegment(`Half minute ${i} ends here.`, i * 30_000));
    const transcript = transcriptOf(...segments);
    const vtt = exportVtt({ transcript });
    const cues = checkVtt(vtt, transcript);
    expect(cues.at(-1)?.startTime).toBe(239 * 30);
    expect(vtt).toContain('\n01:59:30.000 --> 01:59:31.500\nHalf minute 239 ends here.\n');
  });

  it('clamps overlapping and backwards whisper times', () => {
    const transcript: Transcript = {
      segments: [
        {
          startMs: 5000,
          endMs: 8000,
          text: 'Late start. Early.',
          words: [
            { text: ' Late', startMs: 5000, endMs: 5400 },
            { text: ' start.', startMs: 5400, endMs: 8000 },
            { text: ' Early.', startMs: 3000, endMs: 3500 },
          ],
        },
        { startMs: 7000, endMs: 9000, text: 'Overlap.', words: [{ text: ' Overlap.', startMs: 7000, endMs: 9000 }] },
      ],
    };
    const cues = checkVtt(exportVtt({ transcript }), transcript);
    expect(cues.map((c) => [c.text, c.startTime, c.endTime])).toEqual([
      ['Late start.', 5, 8],
      // behind "Late start.": clamped to its end, shown 500 ms (the next cue is behind too)
      ['Early.', 8, 8.5],
      ['Overlap.', 8.5, 9],
    ]);
  });

  it('an empty transcript is just the header', () => {
    const vtt = exportVtt({ transcript: { segments: [] } });
    expect(vtt).toBe('WEBVTT\n');
    expect(checkVtt(vtt, { segments: [] })).toEqual([]);
  });

  it('a segment without words falls back to one cue for the segment', () => {
    const transcript = transcriptOf({ startMs: 0, endMs: 4000, text: 'Only segment text <here> & there.', words: [] });
    const cues = checkVtt(exportVtt({ transcript }), transcript);
    expect(cues.map((c) => [plain(c.tree.children), c.startTime, c.endTime])).toEqual([['Only segment text <here> & there.', 0, 4]]);
  });
});
