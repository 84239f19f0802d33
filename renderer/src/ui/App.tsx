import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { attemptFromTake } from '../data/reconcile-takes';
import { db, useAttempts, useQuestions, useStartup, useUnfinishedLoop } from '../data/use-app-data';
import type { FollowUpLink } from '../data/db';
import { followUpInTurn, followUpQuestion, loopFollowUp } from '../followups/follow-ups';
import { useFollowUpsOf } from '../followups/use-follow-ups';
import { answerFollowUp, answerStep } from '../loop/loop-repo';
import { missingMicMessage } from '../recording/mic-choice';
import { useMicrophone } from '../recording/use-microphone';
import { useTakeRecorder } from '../recording/use-take-recorder';
import { AnswerFollowUpButton, FollowUpContext } from './FollowUpParts';
import { HISTORY_MARKS, HistoryView } from './HistoryView';
import { practiceKey } from './keyboard';
import { advanceLoop, LoopView } from './LoopView';
import { MicPanel } from './MicPanel';
import { ModelPanel, useModels } from './ModelPanel';
import { PracticeScreen } from './PracticeScreen';
import { QuestionBank } from './QuestionBank';
import { QuestionList } from './QuestionList';
import { StoriesView } from '../stories/StoriesView';
import { TodayView } from './TodayView';

type View = 'today' | 'practice' | 'loop' | 'history' | 'bank' | 'stories';

const VIEW_LABEL: Record<View, string> = {
  today: 'Today',
  practice: 'Practise',
  loop: 'Mock loop',
  history: 'History',
  bank: 'Question bank',
  stories: 'Stories',
};

/** Set once the first-run offer of a microphone check was taken or dismissed. */
const MIC_OFFER_KEY = 'rehearse.micCheckOffered';

function micCheckOffered(): boolean {
  try {
    return localStorage.getItem(MIC_OFFER_KEY) !== null;
  } catch {
    return true;
  }
}

export function App() {
  const startup = useStartup();
  const questions = useQuestions();
  const loop = useUnfinishedLoop();
  const [view, setView] = useState<View>('practice');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showModels, setShowModels] = useState(false);
  const { models, refresh: refreshModels } = useModels(showModels);
  const microphone = useMicrophone();
  const [showMic, setShowMic] = useState(false);
  const [offerMicCheck, setOfferMicCheck] = useState(() => !micCheckOffered());
  const [micNotice, setMicNotice] = useState<string | null>(null);
  const closeMicOffer = useCallback((check: boolean) => {
    try {
      localStorage.setItem(MIC_OFFER_KEY, String(Date.now()));
    } catch {
      // Storage unavailable: offered again next start.
    }
    setOfferMicCheck(false);
    if (check) setShowMic(true);
  }, []);

  // The question on screen: the loop's current step in loop mode, the selected one otherwise.
  const loopStep = view === 'loop' && loop ? loop.steps[loop.current] : undefined;
  const loopQuestionId = loopStep?.questionId;
  const selected = questions.find((q) => q.id === selectedId) ?? questions[0] ?? null;
  const asked = view === 'loop' ? (questions.find((q) => q.id === loopQuestionId) ?? null) : view === 'practice' ? selected : null;
  const [chosenFollowUp, setChosenFollowUp] = useState<{ questionId: string; link: FollowUpLink } | null>(null);
  // Going to a follow-up and back moves focus to the new heading (so Space records it); picking a
  // question from the list, or another follow-up from its select, leaves focus where it is.
  const [focusQuestion, setFocusQuestion] = useState(false);
  const chooseFollowUp = useCallback((questionId: string, link: FollowUpLink | null, focus: boolean) => {
    setChosenFollowUp(link ? { questionId, link } : null);
    setFocusQuestion(focus);
  }, []);
  const selectQuestion = useCallback((id: string | null) => {
    setSelectedId(id);
    setChosenFollowUp(null);
    setFocusQuestion(false);
  }, []);

  const recordingLoop = useRef<string | undefined>(undefined);
  const recordingFollowUp = useRef<{ questionId: string; link: FollowUpLink } | undefined>(undefined);
  const recorder = useTakeRecorder({
    onStarted: async (takeId, questionId) => {
      const loopId = recordingLoop.current;
      const followUpOf = recordingFollowUp.current;
      await db.attempts.put({
        id: takeId,
        questionId: followUpOf?.questionId ?? questionId,
        startedAt: Date.now(),
        durationMs: 0,
        fileName: `${takeId}.wav`,
        status: 'recording',
        droppedMs: 0,
        ...(loopId ? { loopId } : {}),
        ...(followUpOf ? { followUp: followUpOf.link } : {}),
      });
      if (loopId) await (followUpOf ? answerFollowUp : answerStep)(db, loopId, takeId);
    },
    onSaved: async (take) => {
      const known = await db.attempts.get(take.takeId);
      await db.attempts.put({ ...known, ...attemptFromTake(take), questionId: known?.questionId ?? take.questionId });
    },
    onFailed: async (takeId, message) => {
      await db.attempts.update(takeId, { status: 'failed', error: message });
    },
  });
  const { phase } = recorder.state;
  const busy = phase !== 'idle';

  // A follow-up asked instead of the question: the loop's after a team answer, or the one chosen after a
  // take in practice.
  const followUp = followUpInTurn(
    view === 'loop'
      ? loopFollowUp(loopStep, asked ?? undefined)
      : asked && chosenFollowUp?.questionId === asked.id
        ? chosenFollowUp.link
        : null,
    asked?.id,
    recorder.state,
  );
  const question = asked && followUp ? followUpQuestion(asked, followUp) : asked;
  const allAttempts = useAttempts(view === 'practice' ? (selected?.id ?? null) : null);
  const followUpTakes = useFollowUpsOf(view === 'practice' && followUp ? followUp.parentTakeId : null, followUp?.followUpId);
  const attempts = followUp ? followUpTakes : allAttempts.filter((attempt) => !attempt.followUp);

  /** Records what is asked: the follow-up when one is, else the question (`answerOnly`: the question in any case). */
  const start = useCallback(
    (answerOnly = false) => {
      const link = answerOnly ? null : followUp;
      const prompt = answerOnly ? asked : question;
      if (!prompt) return;
      recordingLoop.current = view === 'loop' ? loop?.id : undefined;
      recordingFollowUp.current =
        asked && link
          ? {
              questionId: asked.id,
              link: { parentTakeId: link.parentTakeId, followUpId: link.followUpId, text: link.text, targetSec: link.targetSec },
            }
          : undefined;
      if (!microphone.saved) {
        void recorder.start(prompt.id);
        return;
      }
      // A chosen microphone that is gone: say so, and record from the default rather than not at all.
      const questionId = prompt.id;
      void microphone.resolve().then((mic) => {
        setMicNotice(mic.use === 'default' && mic.missing ? missingMicMessage(mic.missing) : null);
        return recorder.start(questionId, mic.use === 'chosen' ? mic.deviceId : undefined);
      });
    },
    [question, view, loop, recorder, microphone, asked, followUp],
  );

  const toggle = useCallback(() => {
    if (phase === 'recording') void recorder.stop();
    else if (phase === 'idle') start(false);
  }, [phase, recorder, start]);

  // R while recording keeps the take and starts again once it is saved.
  // What is retaken: the answer, or the follow-up (the loop asks its follow-up as soon as the answer is saved).
  const retakeQueued = useRef<'answer' | 'follow-up' | null>(null);
  useEffect(() => {
    if (!retakeQueued.current || phase !== 'idle') return;
    const answerOnly = retakeQueued.current === 'answer';
    retakeQueued.current = null;
    if (!recorder.state.error) start(answerOnly);
  }, [phase, recorder.state.error, start]);

  const onKey = useCallback(
    (key: 'toggle' | 'retake' | 'next') => {
      if (!question) return;
      if (key === 'toggle') toggle();
      else if (key === 'retake') {
        if (phase === 'recording') {
          retakeQueued.current = followUp ? 'follow-up' : 'answer';
          void recorder.stop();
        } else if (phase === 'idle') start(false);
      } else if (phase === 'idle') {
        if (view === 'loop' && loop) void advanceLoop(loop);
        else if (view === 'practice' && questions.length > 0) {
          const index = questions.findIndex((q) => q.id === asked?.id);
          selectQuestion(questions[(index + 1) % questions.length]?.id ?? null);
        }
      }
    },
    [question, toggle, phase, recorder, start, view, loop, questions, asked, followUp, selectQuestion],
  );

  // Listen once, from the first render: the shortcut works as soon as the Record button is shown
  // (a listener attached in a passive effect after that render would miss an early key press).
  const onKeyRef = useRef(onKey);
  useLayoutEffect(() => {
    onKeyRef.current = onKey;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const key = practiceKey(event);
      if (!key) return;
      event.preventDefault();
      onKeyRef.current(key);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className={`app${view === 'practice' ? '' : ' wide'}`}>
      <header className="app-header">
        <h1>Rehearse</h1>
        <nav className="view-nav" aria-label="Views">
          {(Object.keys(VIEW_LABEL) as View[]).map((name) => (
            <button
              key={name}
              type="button"
              aria-current={view === name ? 'page' : undefined}
              disabled={busy && view !== name}
              onClick={() => {
                if (name === 'history' && view !== 'history') performance.mark(HISTORY_MARKS.open);
                setView(name);
              }}
            >
              {VIEW_LABEL[name]}
              {name === 'loop' && loop ? ' (in progress)' : ''}
            </button>
          ))}
        </nav>
        <p className="tagline">Everything stays on this computer.</p>
        <button type="button" className="header-button" onClick={() => setShowMic((shown) => !shown)} aria-expanded={showMic}>
          Microphone: {microphone.saved?.label || 'system default'}
        </button>
        <button type="button" className="header-button" onClick={() => setShowModels((shown) => !shown)} aria-expanded={showModels}>
          Speech model: {models?.active ?? 'none'}
        </button>
      </header>
      {view === 'practice' && (
        <QuestionList questions={questions} selectedId={selected?.id ?? null} disabled={busy} onSelect={selectQuestion} />
      )}
      <main className="practice">
        {startup.error && (
          <p className="banner banner-error" role="alert">
            {startup.error}
          </p>
        )}
        {showMic && <MicPanel microphone={microphone} disabled={busy} onClose={() => setShowMic(false)} />}
        {!showMic && view === 'practice' && offerMicCheck && (
          <div className="banner banner-info">
            New here? Check your microphone first: it takes 5 seconds.{' '}
            <button type="button" onClick={() => closeMicOffer(true)}>
              Check microphone
            </button>{' '}
            <button type="button" onClick={() => closeMicOffer(false)}>
              Not now
            </button>
          </div>
        )}
        {!showMic && view === 'loop' && !loop && (
          <div className="banner banner-info">
            Before a mock loop, check your microphone: it takes 5 seconds.{' '}
            <button type="button" onClick={() => setShowMic(true)}>
              Check microphone
            </button>
          </div>
        )}
        {micNotice && microphone.saved && (
          <p className="banner banner-info" role="status">
            {micNotice}
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
        {view === 'practice' &&
          (selected ? (
            <PracticeScreen
              question={question ?? selected}
              attempts={attempts}
              recorder={recorder.state}
              onToggle={toggle}
              focusOnQuestion={focusQuestion}
              context={
                followUp && (
                  <FollowUpContext
                    question={selected}
                    link={followUp}
                    parent={allAttempts.find((attempt) => attempt.id === followUp.parentTakeId)}
                    disabled={busy}
                    onChoose={(link) => chooseFollowUp(selected.id, link, false)}
                    onBack={() => chooseFollowUp(selected.id, null, true)}
                  />
                )
              }
              attemptActions={
                followUp
                  ? undefined
                  : (attempt, label) => (
                      <AnswerFollowUpButton
                        attempt={attempt}
                        question={selected}
                        label={label}
                        disabled={busy}
                        onAnswer={(link) => chooseFollowUp(selected.id, link, true)}
                      />
                    )
              }
            />
          ) : (
            <p className="empty">{startup.ready ? 'No questions found.' : 'Loading…'}</p>
          ))}
        {view === 'loop' && <LoopView questions={questions} loop={loop} recorder={recorder.state} onToggle={toggle} followUp={followUp} />}
        {view === 'today' && (
          <TodayView
            questions={questions}
            onPractise={(id) => {
              setSelectedId(id);
              setView('practice');
            }}
            onOpenLoop={() => setView('loop')}
          />
        )}
        {view === 'history' && <HistoryView questions={questions} />}
        {view === 'stories' && <StoriesView questions={questions} />}
        {view === 'bank' && (
          <QuestionBank
            questions={questions}
            onPractise={(id) => {
              selectQuestion(id);
              setView('practice');
            }}
          />
        )}
      </main>
    </div>
  );
}
