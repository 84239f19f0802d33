// Progress over time: one small uPlot line chart per metric (pace, fillers, length against the target,
// checklist score) over the takes given, oldest first, dates on the x axis. Each chart is a <figure>
// whose canvas is hidden from assistive technology; a summary sentence and a visually hidden table of the
// values carry the same data in text. uPlot styles its elements through the CSSOM (el.style), which the
// app's `style-src 'self'` policy allows; its stylesheet is bundled with ours.
import { useEffect, useId, useMemo, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Attempt, StoredQuestion } from '../data/db';
import { progressSeries, type ProgressMetric, type ProgressSeries } from '../history/progress';
import { formatWhen } from './format';

const CHART_HEIGHT = 160;
/** The hidden table lists at most this many takes (the latest); the summary sentence covers them all. */
const TABLE_ROWS = 30;

interface ChartSpec {
  metric: ProgressMetric;
  title: string;
  /** A value as a sentence or table cell says it: "132 wpm". */
  say: (value: number) => string;
  /** A value as the y axis shows it. */
  tick: (value: number) => string;
  range?: uPlot.Scale['range'];
  /** A dashed horizontal line at this value, with its name. */
  reference?: { value: number; label: string };
}

const SPECS: readonly ChartSpec[] = [
  {
    metric: 'wpm',
    title: 'Words per minute',
    say: (v) => `${Math.round(v)} wpm`,
    tick: (v) => String(Math.round(v)),
  },
  {
    metric: 'fillersPerMin',
    title: 'Fillers per minute',
    say: (v) => `${v.toFixed(1)} per minute`,
    tick: (v) => v.toFixed(1),
    range: (_u, _min, max) => [0, Math.max(1, max) * 1.15],
  },
  {
    metric: 'durationVsTarget',
    title: 'Length against target',
    say: (v) => `${v.toFixed(2)} × the target`,
    tick: (v) => `${v.toFixed(1)}×`,
    range: (_u, min, max) => [Math.min(0.5, min) * 0.9, Math.max(1.5, max) * 1.1],
    reference: { value: 1, label: 'on target' },
  },
  {
    metric: 'checklistScore',
    title: 'Checklist score',
    say: (v) => `${Math.round(v * 100)}%`,
    tick: (v) => `${Math.round(v * 100)}%`,
    range: [0, 1],
  },
];

const CAPTION_NOTES: Record<ProgressMetric, string> = {
  wpm: 'the reference range is 110-150',
  fillersPerMin: 'around 1 per minute or fewer is fluent',
  durationVsTarget: '1.0 is on target, the dashed line',
  checklistScore: 'share of the probed principles’ items ticked',
};

// The colour scheme, so charts (drawn on a canvas, which cannot use CSS variables) redraw when it changes.
const DARK = '(prefers-color-scheme: dark)';
function subscribeScheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
function useDarkScheme(): boolean {
  return useSyncExternalStore(
    subscribeScheme,
    () => window.matchMedia(DARK).matches,
    () => false,
  );
}

function cssColour(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

function measured(series: ProgressSeries): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  series.x.forEach((x, i) => {
    const y = series.y[i];
    if (y !== null && y !== undefined) points.push({ x, y });
  });
  return points;
}

/** "5 takes; first 132 wpm, latest 121 wpm." (with how many were measured, when not all). */
function summarise(spec: ChartSpec, series: ProgressSeries): string {
  const points = measured(series);
  const takes = `${series.x.length} ${series.x.length === 1 ? 'take' : 'takes'}`;
  const counted = points.length === series.x.length ? takes : `${takes} (${points.length} measured)`;
  const first = points[0];
  const latest = points.at(-1);
  if (!first || !latest) return `${counted}.`;
  return `${counted}; first ${spec.say(first.y)}, latest ${spec.say(latest.y)}.`;
}

function Chart({ spec, series, dark }: { spec: ChartSpec; series: ProgressSeries; dark: boolean }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const line = cssColour(el, '--chart-line', '#b20710');
    const text = cssColour(el, '--chart-text', '#5f6368');
    const grid = cssColour(el, '--chart-grid', '#dcdcd8');
    const axis: uPlot.Axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const seriesOptions: uPlot.Series[] = [
      {},
      { label: spec.title, stroke: line, width: 2, spanGaps: true, points: { size: 6, fill: line, stroke: line } },
    ];
    const data: uPlot.AlignedData = [series.x, series.y];
    if (spec.reference) {
      seriesOptions.push({ label: spec.reference.label, stroke: text, width: 1, dash: [4, 4], points: { show: false } });
      data.push(series.x.map(() => spec.reference?.value ?? null));
    }
    const options: uPlot.Options = {
      width: Math.max(240, Math.floor(el.clientWidth)),
      height: CHART_HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: spec.range ? { range: spec.range } : {} },
      axes: [axis, { ...axis, size: 52, values: (_u, splits) => splits.map((v) => spec.tick(v)) }],
      series: seriesOptions,
    };
    const plot = new uPlot(options, data, el);
    const observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && width !== plot.width) plot.setSize({ width, height: CHART_HEIGHT });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [spec, series, dark]);

  return <div ref={host} className="progress-chart" aria-hidden="true" />;
}

function ChartFigure({ spec, series, dark }: { spec: ChartSpec; series: ProgressSeries; dark: boolean }) {
  const captionId = useId();
  const points = measured(series);
  const shown = series.x.map((x, i) => ({ x, y: series.y[i] ?? null })).slice(-TABLE_ROWS);
  return (
    <figure className="progress-figure" aria-labelledby={captionId}>
      <figcaption id={captionId}>{spec.title}</figcaption>
      {points.length < 2 ? (
        <p className="progress-empty">Record at least two takes to see a trend.</p>
      ) : (
        <>
          <Chart spec={spec} series={series} dark={dark} />
          <p className="progress-summary">
            {summarise(spec, series)} <span className="progress-note">({CAPTION_NOTES[spec.metric]})</span>
          </p>
          <table className="visually-hidden">
            <caption>
              {spec.title}, take by take
              {series.x.length > shown.length ? ` (the latest ${shown.length} of ${series.x.length})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Take</th>
                <th scope="col">{spec.title}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ x, y }, i) => (
                <tr key={`${x}-${i}`}>
                  <th scope="row">{formatWhen(x * 1000)}</th>
                  <td>{y === null ? 'not measured' : spec.say(y)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

export function ProgressCharts({
  attempts,
  questions,
  scopeLabel,
}: {
  attempts: Attempt[];
  questions: StoredQuestion[];
  scopeLabel: string;
}) {
  const dark = useDarkScheme();
  const questionsById = useMemo(() => new Map(questions.map((question) => [question.id, question])), [questions]);
  const seriesByMetric = useMemo(
    () => new Map(SPECS.map((spec) => [spec.metric, progressSeries(attempts, questionsById, spec.metric)])),
    [attempts, questionsById],
  );
  const takes = seriesByMetric.get('wpm')?.x.length ?? 0;
  const label = scopeLabel.trim() === '' ? 'Progress over time' : `Progress over time: ${scopeLabel}`;

  return (
    <section className="progress-charts" aria-label={label}>
      {takes < 2 ? (
        <p className="progress-empty">Record at least two takes to see a trend.</p>
      ) : (
        <div className="progress-grid">
          {SPECS.map((spec) => (
            <ChartFigure key={spec.metric} spec={spec} series={seriesByMetric.get(spec.metric) ?? { x: [], y: [] }} dark={dark} />
          ))}
        </div>
      )}
    </section>
  );
}
