import { describe, expect, it } from 'vitest';
import { ANSWER, FULL_TAKE, QUESTION, timedSegment, transcriptOf } from './export-test-support';
import { escapeMarkdown, exportMarkdown } from './markdown';

describe('exportMarkdown', () => {
  const md = exportMarkdown(FULL_TAKE);
  const lines = md.split('\n');

  it('heading, meta line and timestamped transcript paragraphs', () => {
    expect(lines[0]).toBe('# Tell me about a time you made the wrong decision.');
    expect(lines[2]).toBe('Stage: Onsite · Category: Judgement · Target: 1 min 30 s · Recorded: 2026-11-21 14:05 · Length: 25 s');
    expect(md).toContain(
      '\n## Transcript\n\n**[0:01]** Um, at the time I was responsible for the billing service.\n\n**[0:05]** I decided',
    );
    expect(md).toContain('\n**[0:20]** As a result we now ship behind a flag.\n');
  });

  it('the checklist as task items under their principle, evidence quoted with its time', () => {
    const start = lines.indexOf('## Checklist');
    expect(lines.slice(start, start + 13)).toEqual([
      '## Checklist',
      '',
      '### Ownership',
      '',
      '- [x] Says what \\*they\\* decided',
      '  > “I decided to roll back the release.” (0:05)',
      '- [ ] Names the cost',
      '',
      '### Learning',
      '',
      '- [x] Says what changed',
      '  > “As a result we now ship behind a flag.” (0:20)',
      '',
    ]);
  });

  it('the metrics table from analyzeTranscript and the heard fillers', () => {
    expect(md).toContain('\n## Metrics\n\n| Metric | Value |\n| --- | --- |\n| Words | 43 |\n');
    // Transcribed + confirmed, the heard ones not confirmed apart.
    expect(md).toContain('\n| Fillers | 2 (5.7 per minute): 1 in the transcript: “um”, 1 heard and confirmed |\n');
    expect(md).toContain('\n| Heard, not in the transcript, not confirmed | 1 |\n');
    expect(exportMarkdown({ transcript: ANSWER })).toContain(
      '\n| Heard, not in the transcript, not confirmed | — (the audio was not listened to) |\n',
    );
    expect(md).toContain('\n| Length | 25 s against 1 min 30 s (0.28×, 1 min 5 s under) |\n');
    expect(md).toContain('\n| I / we | 3 / 2 |\n');
    expect(md).toContain('\n| Pace | 121.7 words per minute |\n');
    expect(md.endsWith(' |\n')).toBe(true);
  });

  it('without question, take or checklist: "Transcript" heading, no meta line, no checklist', () => {
    const plain = exportMarkdown({ transcript: ANSWER });
    expect(plain.startsWith('# Transcript\n\n## Transcript\n\n**[0:01]** Um,')).toBe(true);
    expect(plain).not.toContain('## Checklist');
    expect(exportMarkdown({ transcript: { segments: [] } })).toContain('## Transcript\n\n_Nothing was transcribed._\n');
  });

  it('escapes Markdown in user text', () => {
    expect(escapeMarkdown('a *b* _c_ `d` [e](f) <g> # h | i ~j~ $5 \\ &amp; R&D')).toBe(
      'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\# h \\| i \\~j\\~ \\$5 \\\\ \\&amp; R&D',
    );
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('+ nor this')).toBe('\\+ nor this');
    expect(escapeMarkdown('1. nor this')).toBe('1\\. nor this');
    expect(escapeMarkdown('line\n# two')).toBe('line \\# two');

    const take = {
      transcript: transcriptOf(timedSegment('I said <script>alert(1)</script> and *really* [meant](it).', 0)),
      question: { ...QUESTION, text: '# Why | how? <b>now</b>', stage: '*Final*', category: '_x_' },
      checklist: [{ principle: '## P', item: '[ ] fake box', ticked: false, evidence: { text: '> quote\n- list', startMs: 61_000 } }],
    };
    const out = exportMarkdown(take);
    expect(out.startsWith('# \\# Why \\| how? \\<b\\>now\\</b\\>\n\nStage: \\*Final\\* · Category: \\_x\\_ · Target: 1 min 30 s\n')).toBe(
      true,
    );
    expect(out).toContain('**[0:00]** I said \\<script\\>alert(1)\\</script\\> and \\*really\\* \\[meant\\](it).\n');
    expect(out).toContain('### \\#\\# P\n\n- [ ] \\[ \\] fake box\n  > “\\> quote - list” (1:01)\n');
    expect(out).not.toMatch(/<script>|<b>/);
  });
});
