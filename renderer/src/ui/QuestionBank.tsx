// The question bank: every question by pack, the person's own ones editable, and packs imported from and
// exported to JSON files. Rendering follows the live `questions` prop; changes go through question-repo.
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import {
  DRAFT_FIELDS,
  draftFromQuestion,
  emptyDraft,
  exportPack,
  groupPacks,
  isOwn,
  OWN_PACK_TITLE,
  packFileName,
  packFileText,
  type DraftErrors,
  type DraftField,
  type PackGroup,
  type QuestionDraft,
} from '../content/pack-io';
import { principleTitle } from '../checklist/principle-title';
import { CATEGORIES, DEFAULT_TARGET_SEC, PRINCIPLE_IDS, STAGES, type Category } from '../content/question-pack';
import { OWN_PACK_ID, type StoredQuestion } from '../data/db';
import {
  BUNDLED_PACKS,
  addOwnQuestion,
  attemptsFor,
  deleteOwnQuestion,
  importPackText,
  updateOwnQuestion,
  type SaveResult,
} from '../data/question-repo';
import { db } from '../data/use-app-data';
import { formatClock } from './format';
import { stageLabel } from './QuestionList';

/** A pack file bigger than this is not a question pack (a big one is a few hundred kilobytes). */
const MAX_PACK_BYTES = 5 * 1024 * 1024;

type Notice = { kind: 'status'; text: string } | { kind: 'alert'; text: string; detail?: string };

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function attemptsKept(count: number): string {
  return count === 0 ? '' : ` Its ${plural(count, 'attempt')} ${count === 1 ? 'is' : 'are'} kept.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Saves `text` as a file through a temporary download link (Chromium and Electron both honour `download`). */
export function downloadFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

export function QuestionBank({ questions, onPractise }: { questions: StoredQuestion[]; onPractise(id: string): void }) {
  const uid = useId();
  const headingId = `${uid}-heading`;
  const addId = `${uid}-add`;
  const editId = (id: string) => `${uid}-edit-${id}`;
  const deleteId = (id: string) => `${uid}-delete-${id}`;
  const keepId = (id: string) => `${uid}-keep-${id}`;

  const packs = useMemo(() => groupPacks(questions, BUNDLED_PACKS), [questions]);
  /** The editor: for a new question, or the id of the question being edited. */
  const [editing, setEditing] = useState<{ mode: 'add' } | { mode: 'edit'; id: string } | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; attempts: number } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  // Focus to move once the next render is on screen (an element that a state change brings back).
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const element = document.getElementById(pendingFocus.current);
    pendingFocus.current = null;
    element?.focus();
  });

  const openEditor = (target: { mode: 'add' } | { mode: 'edit'; id: string }) => {
    setConfirming(null);
    setNotice(null);
    setEditing(target);
  };

  const closeEditor = (message?: string) => {
    if (editing) pendingFocus.current = editing.mode === 'add' ? addId : editId(editing.id);
    setEditing(null);
    if (message) setNotice({ kind: 'status', text: message });
  };

  const askDelete = async (question: StoredQuestion) => {
    setNotice(null);
    setEditing(null);
    try {
      const attempts = await attemptsFor(db, question.id);
      pendingFocus.current = keepId(question.id);
      setConfirming({ id: question.id, attempts });
    } catch (error) {
      setNotice({ kind: 'alert', text: messageOf(error) });
    }
  };

  const keep = (id: string) => {
    pendingFocus.current = deleteId(id);
    setConfirming(null);
  };

  const confirmDelete = async (question: StoredQuestion) => {
    try {
      const result = await deleteOwnQuestion(db, question.id);
      setConfirming(null);
      if (result.ok) {
        pendingFocus.current = headingId;
        setNotice({ kind: 'status', text: `Question deleted.${attemptsKept(result.attempts)}` });
      } else {
        setNotice({ kind: 'alert', text: result.message });
      }
    } catch (error) {
      setConfirming(null);
      setNotice({ kind: 'alert', text: messageOf(error) });
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setNotice(null);
    setEditing(null);
    setConfirming(null);
    setImporting(true);
    try {
      if (file.size > MAX_PACK_BYTES) {
        setNotice({
          kind: 'alert',
          text: `“${file.name}” is too big to be a question pack (${(file.size / 1024 / 1024).toFixed(1)} MB).`,
          detail: 'Nothing was imported.',
        });
        return;
      }
      const result = await importPackText(db, await file.text());
      setNotice(
        result.ok ? { kind: 'status', text: result.message } : { kind: 'alert', text: result.message, detail: 'Nothing was imported.' },
      );
    } catch (error) {
      setNotice({ kind: 'alert', text: `Couldn’t read “${file.name}”: ${messageOf(error)}`, detail: 'Nothing was imported.' });
    } finally {
      // Let the same file be chosen again (after fixing it, say): an unchanged value fires no change event.
      input.value = '';
      setImporting(false);
    }
  };

  const exportGroup = (group: PackGroup) => {
    try {
      const pack = exportPack(group.questions, group.packId, group.title, group.version);
      const fileName = packFileName(pack);
      downloadFile(fileName, packFileText(pack));
      setNotice({ kind: 'status', text: `Exported “${pack.title}” as ${fileName}.` });
    } catch (error) {
      setNotice({ kind: 'alert', text: messageOf(error) });
    }
  };

  const editorFor = (heading: string, initial: QuestionDraft, save: (draft: QuestionDraft) => Promise<SaveResult>, done: string) => (
    <QuestionEditor
      heading={heading}
      initial={initial}
      onSave={async (draft) => {
        const result = await save(draft);
        if (result.ok) closeEditor(done);
        return result;
      }}
      onCancel={() => closeEditor()}
    />
  );

  const hasOwnPack = packs.some((group) => group.packId === OWN_PACK_ID);
  const firstOwn = packs.findIndex((group) => group.origin !== 'bundled');
  const sections: (PackGroup | 'empty-own')[] = [...packs];
  if (!hasOwnPack) sections.splice(firstOwn === -1 ? packs.length : firstOwn, 0, 'empty-own');

  return (
    <section className="question-bank" aria-labelledby={headingId}>
      <div className="question-bank-head">
        <h2 id={headingId} tabIndex={-1}>
          Question bank
        </h2>
        <div className="question-bank-actions">
          <button
            type="button"
            id={addId}
            className="button-primary"
            aria-expanded={editing?.mode === 'add'}
            onClick={() => openEditor({ mode: 'add' })}
          >
            Add a question
          </button>
          <button type="button" disabled={importing} onClick={() => fileInput.current?.click()}>
            Import a pack…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            aria-label="Question pack file"
            hidden
            onChange={(event) => void importFile(event)}
          />
        </div>
      </div>
      <p className="bank-intro">
        Practise the questions that come with the app, add your own, or import a pack someone shared as a JSON file. Your own and imported
        questions can be edited; deleting one keeps its attempts.
      </p>

      <div role="status" className={notice?.kind === 'status' ? 'banner banner-info' : undefined}>
        {notice?.kind === 'status' ? notice.text : null}
      </div>
      {notice?.kind === 'alert' && (
        <div role="alert" className="banner banner-error">
          <p>{notice.text}</p>
          {notice.detail && <p>{notice.detail}</p>}
        </div>
      )}

      {editing?.mode === 'add' &&
        editorFor('New question', emptyDraft(), (draft) => addOwnQuestion(db, draft), 'Question added to My questions.')}

      {sections.map((group) => {
        if (group === 'empty-own') {
          return (
            <section key="empty-own" className="bank-pack" aria-labelledby={`${uid}-pack-own`}>
              <div className="bank-pack-head">
                <h3 id={`${uid}-pack-own`}>{OWN_PACK_TITLE}</h3>
              </div>
              <p className="empty">No questions of your own yet. Add one, or import a pack.</p>
            </section>
          );
        }
        const packHeadingId = `${uid}-pack-${group.packId}`;
        const bundled = group.origin === 'bundled';
        return (
          <section key={group.packId} className="bank-pack" aria-labelledby={packHeadingId}>
            <div className="bank-pack-head">
              <h3 id={packHeadingId}>{group.title}</h3>
              <span className="badge">{bundled ? 'Comes with the app' : group.packId === OWN_PACK_ID ? 'Yours' : 'Imported'}</span>
              <span className="bank-count">{plural(group.questions.length, 'question')}</span>
              <button type="button" className="bank-export" aria-describedby={packHeadingId} onClick={() => exportGroup(group)}>
                Export
              </button>
            </div>
            <ul className="bank-list">
              {group.questions.map((question) => {
                const textId = `${uid}-text-${question.id}`;
                const own = isOwn(question);
                if (editing?.mode === 'edit' && editing.id === question.id) {
                  return (
                    <li key={question.id} className="bank-item bank-item-editing">
                      {editorFor(
                        'Edit question',
                        draftFromQuestion(question),
                        (draft) => updateOwnQuestion(db, question.id, draft),
                        'Changes saved.',
                      )}
                    </li>
                  );
                }
                const confirm = confirming?.id === question.id ? confirming : null;
                return (
                  <li key={question.id} className="bank-item">
                    <div className="bank-item-body">
                      <p className="bank-question" id={textId}>
                        {question.text}
                      </p>
                      <p className="bank-meta">
                        <span className="bank-category">{question.category}</span> · <span>{stageLabel(question.stage)}</span> ·{' '}
                        <span>target {formatClock(question.targetSec * 1000)}</span>
                      </p>
                      <p className="bank-principles">Probes: {question.principles.map(principleTitle).join(', ')}</p>
                    </div>
                    <div className="bank-actions">
                      <button type="button" aria-describedby={textId} onClick={() => onPractise(question.id)}>
                        Practise
                      </button>
                      {own && !confirm && (
                        <>
                          <button
                            type="button"
                            id={editId(question.id)}
                            aria-describedby={textId}
                            onClick={() => openEditor({ mode: 'edit', id: question.id })}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            id={deleteId(question.id)}
                            aria-describedby={textId}
                            onClick={() => void askDelete(question)}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </div>
                    {confirm && (
                      <div
                        className="bank-confirm"
                        role="group"
                        aria-labelledby={`${uid}-confirm-${question.id}`}
                        onKeyDown={(event) => {
                          if (event.key !== 'Escape') return;
                          event.preventDefault();
                          keep(question.id);
                        }}
                      >
                        <p id={`${uid}-confirm-${question.id}`}>Delete this question?{attemptsKept(confirm.attempts)}</p>
                        <button type="button" className="button-danger" onClick={() => void confirmDelete(question)}>
                          Delete
                        </button>
                        <button type="button" id={keepId(question.id)} onClick={() => keep(question.id)}>
                          Keep
                        </button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

/** The form for one question: checked on Save, per field, with the first wrong field focused. */
function QuestionEditor(props: {
  heading: string;
  initial: QuestionDraft;
  onSave(draft: QuestionDraft): Promise<SaveResult>;
  onCancel(): void;
}) {
  const uid = useId();
  const fieldId = (field: DraftField) => `${uid}-${field}`;
  const errorId = (field: DraftField) => `${uid}-${field}-error`;
  const principleId = (index: number) => `${uid}-principle-${index}`;

  const [draft, setDraft] = useState<QuestionDraft>(props.initial);
  // The target follows the category's default until the person types one of their own.
  const [targetTyped, setTargetTyped] = useState(
    () => String(props.initial.targetSec) !== String(DEFAULT_TARGET_SEC[props.initial.category as Category]),
  );
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const focusNext = useRef<string | null>(fieldId('text'));
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  // Changing a field takes its error away: the message was about the value that is gone.
  const clearError = (field: DraftField) => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  const set = <K extends keyof QuestionDraft>(field: K, value: QuestionDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    clearError(field);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFormError(null);
    try {
      const result = await props.onSave(draft);
      if (result.ok) return;
      const fieldErrors = result.errors ?? {};
      setErrors(fieldErrors);
      const first = DRAFT_FIELDS.find((field) => fieldErrors[field]);
      if (first) focusNext.current = first === 'principles' ? principleId(0) : fieldId(first);
      else setFormError(result.message);
    } catch (error) {
      setFormError(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    props.onCancel();
  };

  const invalid = (field: DraftField) => (errors[field] ? true : undefined);
  const errorText = (field: DraftField) =>
    errors[field] ? (
      <p id={errorId(field)} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form
      className="question-editor"
      aria-label="Question editor"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
    >
      <h3>{props.heading}</h3>
      <div className="field">
        <label htmlFor={fieldId('text')}>Question</label>
        <textarea
          id={fieldId('text')}
          rows={3}
          value={draft.text}
          onChange={(event) => set('text', event.target.value)}
          aria-invalid={invalid('text')}
          aria-describedby={describedBy(errors.text && errorId('text'))}
        />
        {errorText('text')}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fieldId('category')}>Category</label>
          <select
            id={fieldId('category')}
            value={draft.category}
            onChange={(event) => {
              const category = event.target.value as Category;
              setDraft((current) => ({
                ...current,
                category,
                targetSec: targetTyped ? current.targetSec : String(DEFAULT_TARGET_SEC[category]),
              }));
              clearError('category');
              if (!targetTyped) clearError('targetSec');
            }}
            aria-invalid={invalid('category')}
            aria-describedby={describedBy(errors.category && errorId('category'))}
          >
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {capitalised(category)}
              </option>
            ))}
          </select>
          {errorText('category')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('stage')}>Stage</label>
          <select
            id={fieldId('stage')}
            value={draft.stage}
            onChange={(event) => set('stage', event.target.value)}
            aria-invalid={invalid('stage')}
            aria-describedby={describedBy(errors.stage && errorId('stage'))}
          >
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {stageLabel(stage)}
              </option>
            ))}
          </select>
          {errorText('stage')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('targetSec')}>Target length in seconds</label>
          <input
            id={fieldId('targetSec')}
            type="number"
            inputMode="numeric"
            min={10}
            max={900}
            step={1}
            value={draft.targetSec}
            onChange={(event) => {
              set('targetSec', event.target.value);
              setTargetTyped(event.target.value !== '');
            }}
            aria-invalid={invalid('targetSec')}
            aria-describedby={describedBy(errors.targetSec && errorId('targetSec'))}
          />
          {errorText('targetSec')}
        </div>
      </div>
      <fieldset className="field principles" aria-describedby={describedBy(errors.principles && errorId('principles'))}>
        <legend>Principles it probes</legend>
        <div className="principle-options">
          {PRINCIPLE_IDS.map((principle, index) => (
            <label key={principle} className="check">
              <input
                type="checkbox"
                id={principleId(index)}
                checked={draft.principles.includes(principle)}
                onChange={(event) =>
                  set(
                    'principles',
                    event.target.checked
                      ? PRINCIPLE_IDS.filter((p) => p === principle || draft.principles.includes(p))
                      : draft.principles.filter((p) => p !== principle),
                  )
                }
                aria-invalid={invalid('principles')}
              />
              {principleTitle(principle)}
            </label>
          ))}
        </div>
        {errorText('principles')}
      </fieldset>
      <div className="field">
        <label htmlFor={fieldId('exampleAnswer')}>Example answer</label>
        <textarea
          id={fieldId('exampleAnswer')}
          rows={4}
          value={draft.exampleAnswer ?? ''}
          onChange={(event) => set('exampleAnswer', event.target.value)}
          aria-invalid={invalid('exampleAnswer')}
          aria-describedby={describedBy(`${uid}-exampleAnswer-hint`, errors.exampleAnswer && errorId('exampleAnswer'))}
        />
        <p id={`${uid}-exampleAnswer-hint`} className="field-hint">
          Optional. A strong answer, shown beside your transcript.
        </p>
        {errorText('exampleAnswer')}
      </div>
      <div className="field">
        <label htmlFor={fieldId('listenFor')}>What interviewers listen for</label>
        <textarea
          id={fieldId('listenFor')}
          rows={3}
          value={Array.isArray(draft.listenFor) ? draft.listenFor.join('\n') : (draft.listenFor ?? '')}
          onChange={(event) => set('listenFor', event.target.value)}
          aria-invalid={invalid('listenFor')}
          aria-describedby={describedBy(`${uid}-listenFor-hint`, errors.listenFor && errorId('listenFor'))}
        />
        <p id={`${uid}-listenFor-hint`} className="field-hint">
          Optional. One point per line, up to 8.
        </p>
        {errorText('listenFor')}
      </div>
      {formError && (
        <p className="banner banner-error" role="alert">
          {formError}
        </p>
      )}
      <div className="question-editor-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          Save
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
