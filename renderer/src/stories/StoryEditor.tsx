// The form for one story: title, situation, what the person did, the result and the principles it shows.
// Checked on Save, per field, with the first wrong field focused; a result without a number gets a nudge
// (never a block). Escape cancels.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { PRINCIPLE_IDS } from '../content/question-pack';
import { principleTitle } from '../checklist/principle-title';
import { resultNudge, STORY_FIELDS, type StoryDraft, type StoryErrors, type StoryField } from './story-draft';
import type { StorySaveResult } from './story-repo';

export function StoryEditor(props: {
  heading: string;
  initial: StoryDraft;
  onSave(draft: StoryDraft): Promise<StorySaveResult>;
  onCancel(): void;
}) {
  const uid = useId();
  const fieldId = (field: StoryField) => `${uid}-${field}`;
  const errorId = (field: StoryField) => `${uid}-${field}-error`;
  const principleId = (index: number) => `${uid}-principle-${index}`;
  const [draft, setDraft] = useState<StoryDraft>(props.initial);
  const [errors, setErrors] = useState<StoryErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const focusNext = useRef<string | null>(fieldId('title'));
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const set = <K extends StoryField>(field: K, value: StoryDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
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
      const first = STORY_FIELDS.find((field) => fieldErrors[field]);
      if (first) focusNext.current = first === 'principles' ? principleId(0) : fieldId(first);
      else setFormError(result.message);
    } catch (error) {
      setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const described = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
  const errorText = (field: StoryField) =>
    errors[field] ? (
      <p id={errorId(field)} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  const textArea = (field: 'situation' | 'action' | 'result', label: string, hint: string, extra?: string) => (
    <div className="field">
      <label htmlFor={fieldId(field)}>{label}</label>
      <textarea
        id={fieldId(field)}
        rows={3}
        value={draft[field]}
        onChange={(event) => set(field, event.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={described(`${fieldId(field)}-hint`, extra, errors[field] && errorId(field))}
      />
      <p id={`${fieldId(field)}-hint`} className="field-hint">
        {hint}
      </p>
      {errorText(field)}
    </div>
  );
  const nudge = resultNudge(draft.result);

  return (
    <form
      className="question-editor story-editor"
      aria-label="Story editor"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h3>{props.heading}</h3>
      <div className="field">
        <label htmlFor={fieldId('title')}>Title</label>
        <input
          id={fieldId('title')}
          type="text"
          value={draft.title}
          onChange={(event) => set('title', event.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={described(errors.title && errorId('title'))}
        />
        {errorText('title')}
      </div>
      {textArea('situation', 'Situation', 'Where you were and what was at stake, in a sentence or two.')}
      {textArea('action', 'What you did', 'Your own decisions and actions: say “I”, not “we”.')}
      {textArea('result', 'Result', 'What changed, with numbers where you can.', nudge ? `${uid}-nudge` : undefined)}
      {nudge && (
        <p id={`${uid}-nudge`} className="story-nudge">
          {nudge}
        </p>
      )}
      <fieldset className="field principles" aria-describedby={described(errors.principles && errorId('principles'))}>
        <legend>Principles it shows</legend>
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
                aria-invalid={errors.principles ? true : undefined}
              />
              {principleTitle(principle)}
            </label>
          ))}
        </div>
        {errorText('principles')}
      </fieldset>
      {formError && (
        <p className="banner banner-error" role="alert">
          {formError}
        </p>
      )}
      <div className="question-editor-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          Save story
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
