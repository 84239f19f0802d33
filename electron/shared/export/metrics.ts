// The take's speaking metrics (electron/shared/analytics), and the same in words for the Markdown and PDF
// exports: one row per metric, a label and a value. Fillers as the app counts them: fillerCount and
// fillersPerMin are transcribed + confirmed heard fillers, the heard ones not confirmed apart
// (analytics/heard-fillers.ts).
import { analyzeTranscript, type TakeMetrics } from '../analytics/analyze';
import { tallyFillers, type FillerTally } from '../analytics/heard-fillers';
import type { PhraseCount } from '../analytics/words';
import { formatLength } from './text';
import type { ExportTake } from './types';

export type ExportMetrics = TakeMetrics & FillerTally;

/** analyzeTranscript with the question's target and the take's recorded length, when known, and the heard fillers. */
export function takeMetrics(take: ExportTake): ExportMetrics {
  const m = analyzeTranscript(take.transcript, { targetSec: take.question?.targetSec, durationMs: take.take?.durationMs });
  return { ...m, ...tallyFillers(m.fillerCount, m.speechMs, take.heard?.hesitations ?? null, take.heard?.choices) };
}

export interface MetricRow {
  label: string;
  value: string;
}

const NONE = '—';

function phrases(counts: readonly PhraseCount[]): string {
  return counts.length > 0 ? `: ${counts.map((c) => (c.count > 1 ? `“${c.phrase}” ×${c.count}` : `“${c.phrase}”`)).join(', ')}` : '';
}

function lengthValue(m: ExportMetrics): string {
  if (m.durationMs === null) return NONE;
  const length = formatLength(m.durationMs);
  if (m.targetSec === null || m.overTargetMs === null || m.durationVsTarget === null) return length;
  const off = m.overTargetMs >= 0 ? `${formatLength(m.overTargetMs)} over` : `${formatLength(-m.overTargetMs)} under`;
  return `${length} against ${formatLength(m.targetSec * 1000)} (${m.durationVsTarget}×, ${off})`;
}

function fillersValue(m: ExportMetrics): string {
  const rate = m.fillersPerMin === null ? '' : ` (${m.fillersPerMin} per minute)`;
  return `${m.fillerCount}${rate}: ${m.transcribedFillerCount} in the transcript${phrases(m.fillers)}, ${m.confirmedFillerCount} heard and confirmed`;
}

export function metricRows(m: ExportMetrics): MetricRow[] {
  const parts = (Object.keys(m.star) as (keyof TakeMetrics['star'])[]).filter((part) => m.star[part].length > 0);
  return [
    { label: 'Words', value: String(m.wordCount) },
    { label: 'Speaking time', value: formatLength(m.speechMs) },
    { label: 'Pace', value: m.wpm === null ? NONE : `${m.wpm} words per minute` },
    { label: 'Fillers', value: fillersValue(m) },
    {
      label: 'Heard, not in the transcript, not confirmed',
      value: m.heardFillerCount === null ? `${NONE} (the audio was not listened to)` : String(m.heardFillerCount),
    },
    { label: 'Long pauses (2 s or more)', value: String(m.longPauseCount) },
    { label: 'Think time', value: m.thinkTimeMs === null ? NONE : `${(m.thinkTimeMs / 1000).toFixed(1)} s` },
    { label: 'Length', value: lengthValue(m) },
    { label: 'Hedges', value: `${m.hedgeCount}${phrases(m.hedges)}` },
    { label: 'Calibrated uncertainty', value: `${m.calibratedCount}${phrases(m.calibrated)}` },
    { label: 'I / we', value: `${m.iCount} / ${m.weCount}` },
    { label: 'STAR parts with cues', value: `${m.starCovered} of 4${parts.length > 0 ? `: ${parts.join(', ')}` : ''}` },
  ];
}
