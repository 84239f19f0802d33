import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { MEDIA_PATH } from '../../../electron/shared/contract';
import { db, useAttempts, useQuestions, useStartup } from '../data/use-app-data';
import { attemptFromTake } from '../data/reconcile-takes';
import { useTakeRecorder } from '../recording/use-take-recorder';
import { AttemptList } from './AttemptList';
import { formatClock } from './format';
import { ModelPanel, useModels } from './ModelPanel';
import { QuestionList, stageLabel } from './QuestionList';
import { RecorderReadout } from './RecorderReadout';

function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'AUDIO'].includes(target.tagName))
  );
}

export function App() {
  const startup = useStartup();
  const questions = useQuestions();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const question = questions.find((q) => q.id === selectedId) ?? questions[0] ?? null;
  const attempts = useAttempts(question?.id ?? null);
  const [showModels, setShowModels] = useState(false);
  const { models, refresh: refreshModels } = useModels(showModels);

  const recorder = useTakeRecorder({
    onStarted: async (takeId, questionId) => {
      await db.attempts.put({
        id: takeId,
        questionId,
        startedAt: Date.now(),
        durationMs: 0,
        fileName: `${takeId}.wav`,
        status: 'recording',
        droppedMs: 0,
      });
    },
    onSaved: async (take) => {
      const known = await db.attempts.get(take.takeId);
      await db.attempts.put({ ...attemptFromTake(take), questionId: known?.questionId ?? take.questionId });
    },
    onFailed: async (takeId, message) => {
      await db.attempts.update(takeId, { status: 'failed', error: message });
    },
  });
  const { phase } = recorder.state;
  const busy = phase !== 'idle';

  const toggle = useCallback(() => {
    if (phase === 'recording') void recorder.stop();
    else if (phase === 'idle' && question) void recorder.start(question.id);
  }, [phase, question, recorder]);

  // Listen once, from the first render: the shortcut works as soon as the Record button is shown
  // (a listener attached in a passive effect after that render would miss an early key press).
  const toggleRef = useRef(toggle);
  useLayoutEffect(() => {
    toggleRef.current = toggle;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || event.repeat || isTypingTarget(event.target)) return;
      event.preventDefault();
      toggleRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const recordLabel = phase === 'recording' ? 'Stop' : phase === 'starting' ? 'Starting…' : phase === 'saving' ? 'Saving…' : 'Record';

  return (
    <div className="app">
      <header className="app-header">
        <h1>Rehearse</h1>
        <p className="tagline">Answer out loud. Everything stays on this computer.</p>
        <button type="button" className="header-button" onClick={() => setShowModels((shown) => !shown)} aria-expanded={showModels}>
          Speech model: {models?.active ?? 'none'}
        </button>
      </header>
      <QuestionList questions={questions} selectedId={question?.id ?? null} disabled={busy} onSelect={setSelectedId} />
      <main className="practice">
        {startup.error && (
          <p className="banner banner-error" role="alert">
            {startup.error}
          </p>
        )}
        {showModels && models && <ModelPanel models={models} refresh={refreshModels} onClose={() => setShowModels(false)} />}
        {!showModels && models && models.active === null && (
          <div className="banner banner-info">
            Transcripts need a speech model, downloaded once and kept on this computer.{' '}
            <button type="button" onClick={() => setShowModels(true)}>
              Choose a speech model
            </button>
          </div>
        )}
        {startup.recovered > 0 && (
          <p className="banner banner-info" role="status">
            Recovered {startup.recovered} take{startup.recovered === 1 ? '' : 's'} that were interrupted. They are marked in the list.
          </p>
        )}
        {question ? (
          <>
            <section className="question-card" aria-labelledby="question-text">
              <p className="question-meta">
                <span>{question.category}</span> · <span>{stageLabel(question.stage)}</span> ·{' '}
                <span>target {formatClock(question.targetSec * 1000)}</span>
              </p>
              <h2 id="question-text">{question.text}</h2>
            </section>
            <section className="recorder" aria-label="Recorder">
              <button
                type="button"
                className={`record-button${phase === 'recording' ? ' recording' : ''}`}
                onClick={toggle}
                disabled={phase === 'starting' || phase === 'saving'}
                aria-keyshortcuts="Space"
              >
                {recordLabel}
              </button>
              <RecorderReadout take={recorder.state.take} lastElapsedMs={recorder.state.lastElapsedMs} />
              <p className="hint">Space starts and stops recording.</p>
            </section>
            {recorder.state.error && (
              <p className="banner banner-error" role="alert">
                {recorder.state.error}
              </p>
            )}
            <section className="attempts" aria-labelledby="attempts-heading">
              <h2 id="attempts-heading">Your attempts</h2>
              <AttemptList attempts={attempts} mediaBase={MEDIA_PATH} />
            </section>
          </>
        ) : (
          <p className="empty">{startup.ready ? 'No questions found.' : 'Loading…'}</p>
        )}
      </main>
    </div>
  );
}
