// The hesitation test set's goals (__fixtures__/test-set, README.md there): at least 80 % of the inserted
// fillers found within ±150 ms, at most 1 false alarm per minute of fluent speech, none on jfk.wav, and
// drawn-out words never counted as fillers once there is a transcript. Prints the numbers: run it alone
// with `npm run eval:hesitations`.
import { beforeAll, describe, expect, it } from 'vitest';
import { findHesitations, heardFillerCount, type Hesitation } from './find-hesitations';
import { loadManifest, loadTakeAudio, scoreTake, summarise, type Summary, type TakeResult, type TestTake } from './test-set-support';

interface Run {
  take: TestTake;
  audioOnly: Hesitation[];
  withTranscript: Hesitation[];
}

let runs: Run[] = [];

beforeAll(() => {
  runs = loadManifest().map((take) => {
    const samples = loadTakeAudio(take);
    return { take, audioOnly: findHesitations(samples), withTranscript: findHesitations(samples, { transcript: take.transcript }) };
  });
}, 60_000);

const scored = (mode: 'audioOnly' | 'withTranscript', keep: (take: TestTake) => boolean = () => true): TakeResult[] =>
  runs.filter((r) => keep(r.take)).map((r) => scoreTake(r.take, r[mode]));

function line(label: string, s: Summary, recallOnly = false): string {
  const pct = (v: number) => `${(100 * v).toFixed(0)} %`.padStart(5);
  if (recallOnly)
    return `${label.padEnd(22)} recall ${pct(s.recall)} (${s.found}/${s.fillers})`.padEnd(45) + ` kind ok ${s.kindRight}/${s.found}`;
  return [
    label.padEnd(22),
    `recall ${pct(s.recall)} (${s.found}/${s.fillers})`.padEnd(22),
    `kind ok ${s.kindRight}/${s.found}`.padEnd(14),
    `precision ${pct(s.precision)}`.padEnd(17),
    `false alarms ${s.falseAlarms} in ${s.fluentMinutes.toFixed(2)} min = ${s.falseAlarmsPerMinute.toFixed(2)}/min`.padEnd(38),
    s.drawnOut > 0 ? `drawn-out ${s.drawnOut}: counted ${s.drawnOutCounted}, marked ${s.drawnOutMarked}` : '',
  ].join(' ');
}

/** Only the items of one filler kind (or one voice, or one rate): for recall, not false alarms. */
function itemsOnly(results: TakeResult[], keep: (item: TakeResult['items'][number]['item']) => boolean): TakeResult[] {
  return results.map((r) => ({ ...r, items: r.items.filter((i) => keep(i.item)), falseAlarms: [], take: { ...r.take, fluentMs: 0 } }));
}

describe('hesitation test set', () => {
  it('prints the numbers', () => {
    const out: string[] = [];
    for (const mode of ['audioOnly', 'withTranscript'] as const) {
      out.push(mode === 'audioOnly' ? 'audio only (no transcript):' : 'with the hand-made transcripts:');
      out.push(line('  all', summarise(scored(mode))));
      out.push(line('  dev voices', summarise(scored(mode, (t) => t.split === 'dev'))));
      out.push(line('  held-out voices', summarise(scored(mode, (t) => t.split === 'held-out'))));
      out.push(line('  jfk.wav as it is', summarise(scored(mode, (t) => t.id === 'jfk-fluent'))));
      out.push(line('  jfk hosts', summarise(scored(mode, (t) => t.host === 'jfk'))));
      out.push(line('  espeak hosts', summarise(scored(mode, (t) => t.host === 'espeak'))));
      if (mode === 'audioOnly') {
        for (const kind of ['uh', 'um', 'er', 'hmm'])
          out.push(line(`  "${kind}"`, summarise(itemsOnly(scored(mode), (i) => i.kind === kind)), true));
        for (const rate of ['medium', 'slow', 'x-slow'])
          out.push(line(`  rate ${rate}`, summarise(itemsOnly(scored(mode), (i) => i.rate === rate)), true));
        const voices = [...new Set(runs.flatMap((r) => r.take.items.map((i) => i.voiceId)))];
        for (const voice of voices)
          out.push(
            line(`  voice ${voice}`, summarise(itemsOnly(scored(mode), (i) => i.voiceId === voice && i.kind !== 'drawn-out')), true),
          );
      }
    }
    console.log(`hesitation test set\n${out.join('\n')}`);
  });

  it('finds at least 80 % of the inserted fillers, on all voices and on the held-out voices alone', () => {
    expect(summarise(scored('audioOnly')).recall).toBeGreaterThanOrEqual(0.8);
    expect(summarise(scored('audioOnly', (t) => t.split === 'held-out')).recall).toBeGreaterThanOrEqual(0.8);
    expect(summarise(scored('withTranscript')).recall).toBeGreaterThanOrEqual(0.8);
  });

  it('raises at most 1 false alarm per minute of fluent speech, and none on jfk.wav', () => {
    for (const mode of ['audioOnly', 'withTranscript'] as const) {
      expect(summarise(scored(mode)).falseAlarmsPerMinute).toBeLessThanOrEqual(1);
      expect(summarise(scored(mode, (t) => t.id === 'jfk-fluent')).falseAlarms).toBe(0);
    }
  });

  it('with a transcript, never counts a drawn-out word as a filler, and marks most as drawn-out', () => {
    const s = summarise(scored('withTranscript'));
    expect(s.drawnOutCounted).toBe(0);
    expect(s.drawnOutMarked).toBeGreaterThanOrEqual(s.drawnOut / 2);
  });

  it('with a transcript, a found filler is marked transcribed exactly when the transcript has it', () => {
    const found = scored('withTranscript').flatMap((r) => r.items.filter((i) => i.item.kind !== 'drawn-out' && i.found));
    expect(found.some((i) => i.item.transcribed)).toBe(true);
    for (const { item, found: h } of found)
      expect({ item: item.startMs, transcribed: h?.transcribed }).toEqual({ item: item.startMs, transcribed: item.transcribed });
    // heard-not-transcribed = the found fillers the transcript lacks (no false alarms here: see above)
    const heard = runs.reduce((sum, r) => sum + heardFillerCount(r.withTranscript), 0);
    expect(heard).toBe(found.filter((i) => !i.item.transcribed).length + summarise(scored('withTranscript')).falseAlarms);
  });
});
