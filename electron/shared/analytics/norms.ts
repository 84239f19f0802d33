// Reference ranges the UI shows beside a metric, each with where it comes from. None of them is a
// measured property of good answers: they are rules of thumb, and their sources say so.
export type NormMetric = 'wpm' | 'fillersPerMin' | 'durationMs';
export type NormAssessment = 'below' | 'within' | 'above';

export interface Norm {
  metric: NormMetric;
  /** Inclusive bounds; a missing bound is open. */
  low?: number;
  high?: number;
  label: string;
  source: string;
  /** The question category the norm is meant for, when it is not every answer. */
  appliesTo?: string;
}

export const NORMS: readonly Norm[] = [
  {
    metric: 'wpm',
    low: 110,
    high: 150,
    label: 'Conversational pace 110-150 words per minute',
    source:
      'Rule of thumb used by speaking coaches for presentations and interviews; no single study. Measured speaking rates vary widely between people and studies.',
  },
  {
    metric: 'fillersPerMin',
    high: 1,
    label: 'Around 1 filler per minute (1 per 110-150 words at a conversational pace)',
    source:
      "A rule of thumb from this project's brief, not a measured norm. Studies quote filler rates per 100 words, not per minute: conversation studies count disfluencies of every kind (fillers such as uh and um, repeats, restarts) at about 6 per 100 words (e.g. Bortfeld et al. 2001, Disfluency rates in conversation, Language and Speech 44), fillers being one part of that. Rates vary widely between people and situations.",
  },
  {
    metric: 'durationMs',
    low: 60_000,
    high: 120_000,
    label: 'Behavioural answers run 1-2 minutes',
    source: 'Rule of thumb given by interview coaches for behavioural (STAR) answers; no single study.',
    appliesTo: 'behavioural',
  },
];

export function normFor(metric: NormMetric): Norm | undefined {
  return NORMS.find((norm) => norm.metric === metric);
}

/** Where a value falls against the metric's norm, bounds included ("within" at exactly 150 wpm); null without a value or a norm. */
export function assessAgainstNorm(metric: NormMetric, value: number | null | undefined): NormAssessment | null {
  const norm = normFor(metric);
  if (!norm || value === null || value === undefined || !Number.isFinite(value)) return null;
  if (norm.low !== undefined && value < norm.low) return 'below';
  if (norm.high !== undefined && value > norm.high) return 'above';
  return 'within';
}
