// Everything about one take after it is recorded: its replay (waveform, word-synced transcript) with the
// question's example answer beside it, how it sounded (analytics), and the culture checklist. The
// fillers heard in its audio are marked in the replay and counted in the analytics (use-heard-fillers.ts).
import { useState } from 'react';
import type { Attempt, StoredQuestion } from '../data/db';
import { useTranscript } from '../data/transcript-repo';
import { db } from '../data/use-app-data';
import { ReplayPlayer } from '../replay/ReplayPlayer';
import { AnalyticsPanel } from './AnalyticsPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { TranscriptPanel } from './TranscriptPanel';
import { useHeardFillers } from './use-heard-fillers';
import { StoryUsed } from '../stories/StoryUsed';

/** `label` names the take to assistive technology, e.g. "attempt 2". */
export function TakeReview({ attempt, question, label }: { attempt: Attempt; question: StoredQuestion; label: string }) {
  const transcript = useTranscript(db, attempt.id);
  // Transcription ended without a transcript (no speech model, failed, cancelled): listen for fillers anyway.
  const [transcriptionOver, setTranscriptionOver] = useState(false);
  const heard = useHeardFillers(attempt, transcript, transcriptionOver);
  if (attempt.status === 'recording') return null;
  return (
    <div className="take-review">
      <div className="review-columns">
        <div>
          <h3 className="visually-hidden">Your answer</h3>
          {attempt.durationMs > 0 && <ReplayPlayer attempt={attempt} transcript={transcript} label={label} heard={heard} />}
          <TranscriptPanel
            attempt={attempt}
            stored={transcript}
            showText={attempt.durationMs === 0}
            onEndedWithout={() => setTranscriptionOver(true)}
          />
        </div>
        {(question.exampleAnswer || question.listenFor) && (
          <div>
            {question.exampleAnswer && (
              <section className="example-answer" aria-label="Example answer">
                <h3>A strong answer, for comparison</h3>
                <p>{question.exampleAnswer}</p>
              </section>
            )}
            {question.listenFor && (
              <section className="listen-for" aria-label="What interviewers listen for">
                <h3>What interviewers listen for</h3>
                <ul>
                  {question.listenFor.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        )}
      </div>
      {transcript && (
        <AnalyticsPanel
          transcript={transcript}
          targetSec={question.targetSec}
          durationMs={attempt.durationMs}
          category={question.category}
          heard={heard}
        />
      )}
      <ChecklistPanel attempt={attempt} question={question} transcript={transcript ?? undefined} />
      <StoryUsed attempt={attempt} question={question} />
    </div>
  );
}
