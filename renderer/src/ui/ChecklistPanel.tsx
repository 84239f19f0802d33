// The culture checklist for one take: the person ticks what they honestly did in the answer, and links
// each ticked item to the sentence of the transcript that shows it. Every change is written to the
// attempt in Dexie at once; the panel reads the attempt from its props (the parent's live query), with
// the latest change shown straight away until the stored one catches up.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { attachEvidence, checklistScore, detachEvidence, evidenceFor, isTicked, toggleItem } from '../checklist/checklist-state';
import { splitSentences, type Sentence } from '../checklist/sentences';
import { suggestionsFor } from '../checklist/suggest';
import { principlesFor } from '../checklist/use-culture-checklist';
import type { Transcript } from '../../../electron/shared/contract';
import type { ChecklistItem, Principle } from '../content/culture-checklist';
import type { Question } from '../content/question-pack';
import type { Attempt, TakeChecklist } from '../data/db';
import { db } from '../data/use-app-data';
import { formatClock } from './format';

const NO_SENTENCES: Sentence[] = [];

/** Element ids for one item's controls, unique per panel. */
function itemIds(base: string, item: ChecklistItem) {
  const id = `${base}-${item.id}`;
  return { checkbox: `${id}-tick`, attach: `${id}-attach`, remove: `${id}-remove`, picker: `${id}-picker` };
}

/** The time of a change to `checklist`: now, but always after its last change, so the newest change wins. */
function changeTime(checklist: TakeChecklist | undefined): number {
  return Math.max(Date.now(), (checklist?.updatedAt ?? 0) + 1);
}

export function ChecklistPanel({
  attempt,
  question,
  transcript,
}: {
  attempt: Attempt;
  question: Question;
  transcript: Transcript | undefined;
}) {
  const base = useId();
  const headingId = `${base}-heading`;
  const othersId = `${base}-others`;
  const [showAll, setShowAll] = useState(false);
  const [picking, setPicking] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  // The last change made here, shown until the attempt in props is as new (the live query lags a little).
  const [pending, setPending] = useState<{ attemptId: string; checklist: TakeChecklist } | null>(null);
  // The id of an element to focus once it is rendered (e.g. "Remove" after attaching a sentence).
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (focusNext.current === null) return;
    const element = document.getElementById(focusNext.current);
    if (element) {
      element.focus();
      focusNext.current = null;
    }
  });

  const stored = attempt.checklist;
  const checklist =
    pending && pending.attemptId === attempt.id && (!stored || pending.checklist.updatedAt > stored.updatedAt) ? pending.checklist : stored;

  const { probed, others } = useMemo(() => principlesFor(question), [question]);
  const sentences = useMemo(() => (transcript ? splitSentences(transcript) : NO_SENTENCES), [transcript]);
  const suggestions = useMemo(
    () =>
      suggestionsFor(
        sentences,
        [...probed, ...others].flatMap((p) => p.items),
      ),
    [sentences, probed, others],
  );
  const score = checklistScore(
    checklist,
    probed.flatMap((p) => p.items.map((item) => item.id)),
  );
  const canAttach = sentences.length > 0;

  if (attempt.status === 'recording') return null;

  const save = (next: TakeChecklist) => {
    setPending({ attemptId: attempt.id, checklist: next });
    setSaveError(null);
    db.attempts.update(attempt.id, { checklist: next }).then(
      (updated) => {
        if (updated === 0) setSaveError('This take is no longer in the app’s data.');
      },
      (error: unknown) => {
        setPending(null);
        setSaveError(error instanceof Error ? error.message : String(error));
      },
    );
  };
  const now = () => changeTime(checklist);

  const toggle = (item: ChecklistItem) => {
    if (picking === item.id) setPicking(null);
    save(toggleItem(checklist, item.id, now()));
  };
  const attach = (item: ChecklistItem, sentence: Sentence) => {
    focusNext.current = itemIds(base, item).remove;
    setPicking(null);
    save(attachEvidence(checklist, item.id, sentence, now()));
  };
  const detach = (item: ChecklistItem) => {
    focusNext.current = itemIds(base, item).attach;
    save(detachEvidence(checklist, item.id, now()));
  };
  const closePicker = (item: ChecklistItem) => {
    focusNext.current = itemIds(base, item).attach;
    setPicking(null);
  };

  const renderItem = (item: ChecklistItem) => {
    const ids = itemIds(base, item);
    const ticked = isTicked(checklist, item.id);
    const evidence = evidenceFor(checklist, item.id);
    const suggested = suggestions.get(item.id) ?? NO_SENTENCES;
    const top = suggested[0];
    return (
      <li key={item.id} className={`checklist-item${ticked ? ' ticked' : ''}`}>
        <div className="checklist-tick">
          <input type="checkbox" id={ids.checkbox} checked={ticked} onChange={() => toggle(item)} />
          <label htmlFor={ids.checkbox}>{item.text}</label>
        </div>
        {ticked && evidence && (
          <p className="checklist-evidence">
            <q>{evidence.text}</q> <span className="checklist-time">{formatClock(evidence.startMs)}</span>{' '}
            <button type="button" id={ids.remove} aria-label={`Remove evidence from: ${item.text}`} onClick={() => detach(item)}>
              Remove
            </button>
          </p>
        )}
        {ticked && !evidence && canAttach && (
          <button
            type="button"
            id={ids.attach}
            className="checklist-attach"
            aria-label={`Attach a sentence to: ${item.text}`}
            aria-expanded={picking === item.id}
            aria-controls={picking === item.id ? ids.picker : undefined}
            onClick={() => setPicking(picking === item.id ? null : item.id)}
          >
            Attach a sentence
          </button>
        )}
        {!ticked && top && (
          <p className="checklist-hint">
            Suggested from your transcript: <q>{top.text}</q>{' '}
            <button type="button" aria-label={`Attach suggested sentence to: ${item.text}`} onClick={() => attach(item, top)}>
              Attach
            </button>
          </p>
        )}
        {ticked && !evidence && picking === item.id && (
          <SentencePicker
            id={ids.picker}
            item={item}
            sentences={sentences}
            suggested={suggested}
            onPick={(sentence) => attach(item, sentence)}
            onClose={() => closePicker(item)}
          />
        )}
      </li>
    );
  };

  const renderPrinciple = (principle: Principle) => {
    const summaryId = `${base}-${principle.id}-summary`;
    return (
      <fieldset key={principle.id} className="checklist-principle" aria-describedby={summaryId}>
        <legend>{principle.title}</legend>
        <p id={summaryId} className="checklist-summary">
          {principle.summary}
        </p>
        <ul className="checklist-items">{principle.items.map(renderItem)}</ul>
      </fieldset>
    );
  };

  return (
    <section className="checklist" aria-labelledby={headingId}>
      <h3 id={headingId}>Culture checklist</h3>
      <p className="checklist-score" aria-live="polite">
        {score.ticked} of {score.total} ticked · {score.withEvidence} with evidence
      </p>
      {!canAttach && <p className="checklist-note">Evidence can be attached once there is a transcript.</p>}
      {saveError && (
        <p className="attempt-warning" role="alert">
          The checklist could not be saved: {saveError}
        </p>
      )}
      {probed.length === 0 && <p className="checklist-note">This question probes none of the checklist’s principles.</p>}
      {probed.map(renderPrinciple)}
      {others.length > 0 && (
        <>
          <div id={othersId} className="checklist-others">
            {showAll && others.map(renderPrinciple)}
          </div>
          <button
            type="button"
            className="checklist-more"
            aria-expanded={showAll}
            aria-controls={othersId}
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? 'Show fewer' : `Show all principles (${others.length} more)`}
          </button>
        </>
      )}
    </section>
  );
}

/**
 * The take's sentences to choose from, as buttons: the suggested ones first, then the rest in order.
 * Focus starts on the first sentence; arrow keys move between sentences; Escape or Cancel closes.
 */
function SentencePicker({
  id,
  item,
  sentences,
  suggested,
  onPick,
  onClose,
}: {
  id: string;
  item: ChecklistItem;
  sentences: Sentence[];
  suggested: Sentence[];
  onPick(sentence: Sentence): void;
  onClose(): void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const suggestedId = `${id}-suggested`;
  const restId = `${id}-rest`;
  const suggestedIndexes = new Set(suggested.map((sentence) => sentence.index));
  const rest = sentences.filter((sentence) => !suggestedIndexes.has(sentence.index));

  useEffect(() => {
    container.current?.querySelector<HTMLButtonElement>('button[data-sentence]')?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(container.current?.querySelectorAll<HTMLButtonElement>('button[data-sentence]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at === -1 ? 0 : Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  const renderSentence = (sentence: Sentence, describedBy?: string) => (
    <li key={sentence.index}>
      <button type="button" data-sentence={sentence.index} aria-describedby={describedBy} onClick={() => onPick(sentence)}>
        <span className="checklist-time">{formatClock(sentence.startMs)}</span> <span>{sentence.text}</span>
      </button>
    </li>
  );

  return (
    <div
      id={id}
      ref={container}
      className="sentence-picker"
      role="group"
      aria-label={`Choose a sentence for: ${item.text}`}
      onKeyDown={onKeyDown}
    >
      {suggested.length > 0 && (
        <>
          <p id={suggestedId} className="sentence-picker-heading">
            Suggested
          </p>
          <ul aria-labelledby={suggestedId}>{suggested.map((sentence) => renderSentence(sentence, suggestedId))}</ul>
        </>
      )}
      {rest.length > 0 && (
        <>
          <p id={restId} className="sentence-picker-heading">
            {suggested.length > 0 ? 'Other sentences' : 'Sentences in this take'}
          </p>
          <ul aria-labelledby={restId}>{rest.map((sentence) => renderSentence(sentence))}</ul>
        </>
      )}
      <button type="button" className="sentence-picker-cancel" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}
