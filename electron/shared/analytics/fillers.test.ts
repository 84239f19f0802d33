import { describe, expect, it } from 'vitest';
import { analyzeTranscript } from './analyze';
import { evenly, transcriptOf } from './analytics-test-support';
import { fillerForm, isFiller } from './fillers';

describe('fillers', () => {
  it.each(['um', ' Um,', 'UMM.', 'uh', 'Uhhh...', 'uhm', 'er', 'errr', 'Erm,', 'ah', 'Ahh!', 'hmm', 'Hmmm?', 'mm', 'mmm'])(
    '%j is a filler',
    (text) => expect(isFiller(text)).toBe(true),
  );

  it.each(['her', 'ahead', 'umbrella', 'summer', 'uh-huh', 'yes', 'm', 'hum', 'error', 'era', 'ha', 'arm', 'mum', 'um1', '%', ''])(
    '%j is not a filler',
    (text) => expect(isFiller(text)).toBe(false),
  );

  it('reports the filler as counted: lowercase, punctuation gone', () => {
    expect(fillerForm(' Um,')).toBe('um');
    expect(fillerForm('UHHH.')).toBe('uhhh');
    expect(fillerForm('summer')).toBeNull();
  });

  it('counts fillers and fillers per minute over the speaking time', () => {
    // 12 words, 500 ms each, 0 → 6000 ms. Fillers: "Um," "hmmm" "UHHH." "errr" = 4 (not umbrella, summer,
    // her, ahead, uh-huh, yes). 4 / (6000 / 60000) = 40.0 per minute; 12 words / 0.1 min = 120.0 wpm.
    const metrics = analyzeTranscript(transcriptOf(evenly('Um, so hmmm yes the umbrella summer her UHHH. ahead uh-huh errr')));
    expect(metrics).toMatchObject({ wordCount: 12, speechMs: 6000, wpm: 120, fillerCount: 4, fillersPerMin: 40 });
    expect(metrics.fillers).toEqual([
      { phrase: 'um', count: 1 },
      { phrase: 'hmmm', count: 1 },
      { phrase: 'uhhh', count: 1 },
      { phrase: 'errr', count: 1 },
    ]);
  });

  it('orders fillers by count, and rounds per minute to 1 decimal', () => {
    // 7 words from 0 to 21000 ms (3000 ms each); um ×2, uh ×1 = 3 fillers. 3 / 0.35 min = 8.571… → 8.6.
    const metrics = analyzeTranscript(transcriptOf(evenly('uh so um we um left early', 0, 3000)));
    expect(metrics.fillerCount).toBe(3);
    expect(metrics.fillersPerMin).toBe(8.6);
    expect(metrics.fillers).toEqual([
      { phrase: 'um', count: 2 },
      { phrase: 'uh', count: 1 },
    ]);
  });
});
