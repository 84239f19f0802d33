// The pieces "How it sounded" is built of: a row (term and value) and the quiet note on where a value
// falls against its reference range.
import type { ReactNode } from 'react';
import type { NormAssessment } from '../../../electron/shared/analytics/norms';

/** The quiet note after a value: where it falls against its reference range. */
export function NormNote({ assessment, range }: { assessment: NormAssessment | null; range: string }) {
  if (!assessment) return null;
  return (
    <span className="analytics-note">
      {' '}
      ({assessment} the reference range, {range})
    </span>
  );
}

export function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="analytics-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
