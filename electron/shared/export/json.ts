// JSON: the CLI's transcript shape ({"segments":[...]}, what `rehearse transcribe --json` prints, with every
// word's text, times and probability), then, when given, "question", "take" and "checklist", and always
// "metrics" (analyzeTranscript, with the question's target and the take's length; fillerCount counts
// transcribed + confirmed heard fillers, with transcribedFillerCount, confirmedFillerCount and
// heardFillerCount, the heard ones not confirmed, null when the audio was not listened to).
// Pretty-printed with two spaces, ending with a newline. Parsing it with the contract's Transcript schema
// gives the transcript back.
import type { Transcript } from '../contract';
import { takeMetrics } from './metrics';
import type { ExportTake } from './types';

/** Only the contract's fields, in the contract's order. */
function cleanTranscript(transcript: Transcript): Transcript {
  return {
    segments: transcript.segments.map((segment) => ({
      startMs: segment.startMs,
      endMs: segment.endMs,
      text: segment.text,
      words: segment.words.map((word) => ({
        text: word.text,
        startMs: word.startMs,
        endMs: word.endMs,
        ...(word.p === undefined ? {} : { p: word.p }),
      })),
    })),
  };
}

export function exportJson(take: ExportTake): string {
  const doc = {
    ...cleanTranscript(take.transcript),
    ...(take.question ? { question: take.question } : {}),
    ...(take.followUpOf ? { followUpOf: take.followUpOf } : {}),
    ...(take.take ? { take: take.take } : {}),
    ...(take.checklist ? { checklist: take.checklist } : {}),
    metrics: takeMetrics(take),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
