// Hand-made word-timed transcripts for the exporter tests.
import type { Segment, Transcript, Word } from '../contract';
import type { ExportHeard, ExportTake } from './types';

/** A segment of `text`'s words, each `msPerWord` long and back to back from `startMs`, with a leading space. */
export function timedSegment(text: string, startMs: number, msPerWord = 300): Segment {
  const words: Word[] = text
    .split(' ')
    .filter((w) => w !== '')
    .map((w, i) => ({ text: ` ${w}`, startMs: startMs + i * msPerWord, endMs: startMs + (i + 1) * msPerWord, p: 0.9 }));
  return { startMs, endMs: words.at(-1)?.endMs ?? startMs, text, words };
}

export function transcriptOf(...segments: Segment[]): Transcript {
  return { segments };
}

/** Every word of the transcript, in order, as the cues should show them (segment text for wordless segments). */
export function transcriptWords(transcript: Transcript): string[] {
  return transcript.segments.flatMap((segment) => {
    const words = segment.words.flatMap((w) => w.text.split(/\s+/)).filter((w) => w !== '');
    return words.length > 0 ? words : segment.text.split(/\s+/).filter((w) => w !== '');
  });
}

/** A two-minute answer in four segments: fillers, a long pause, hedges, I and we. */
export const ANSWER: Transcript = transcriptOf(
  timedSegment('Um, at the time I was responsible for the billing service.', 1500),
  timedSegment('I decided to roll back the release, which was the wrong call.', 5000),
  timedSegment('We lost a day, and I think maybe that was avoidable.', 12_000),
  timedSegment('As a result we now ship behind a flag.', 20_000),
);

export const QUESTION = {
  id: 'wrong-decision',
  text: 'Tell me about a time you made the wrong decision.',
  category: 'Judgement',
  stage: 'Onsite',
  targetSec: 90,
};

/** 21 November 2026, 14:05 local time. */
export const STARTED_AT = new Date(2026, 10, 21, 14, 5, 30).getTime();

/** Heard in ANSWER's audio: the transcribed "Um", one filler confirmed, one dismissed, one not judged, a drawn-out word. */
export const HEARD: ExportHeard = {
  hesitations: [
    { startMs: 1500, endMs: 1800, kind: 'um', score: 0.8, transcribed: true, word: ' Um,' },
    { startMs: 4200, endMs: 4600, kind: 'uh', score: 0.7, transcribed: false },
    { startMs: 9000, endMs: 9400, kind: 'um', score: 0.6, transcribed: false },
    { startMs: 11_000, endMs: 11_500, kind: 'hesitation', score: 0.4, transcribed: false },
    { startMs: 12_900, endMs: 13_300, kind: 'drawn-out', score: 0.5, transcribed: false, word: ' day,' },
  ],
  choices: [
    { startMs: 4200, endMs: 4600, verdict: 'filler' },
    { startMs: 9000, endMs: 9400, verdict: 'not-filler' },
  ],
};

export const FULL_TAKE: ExportTake = {
  transcript: ANSWER,
  question: QUESTION,
  take: { id: 'take-abc123def', startedAt: STARTED_AT, durationMs: 25_000 },
  checklist: [
    {
      principle: 'Ownership',
      item: 'Says what *they* decided',
      ticked: true,
      evidence: { text: 'I decided to roll back the release.', startMs: 5000 },
    },
    { principle: 'Ownership', item: 'Names the cost', ticked: false },
    {
      principle: 'Learning',
      item: 'Says what changed',
      ticked: true,
      evidence: { text: 'As a result we now ship behind a flag.', startMs: 20_000 },
    },
  ],
  heard: HEARD,
};
