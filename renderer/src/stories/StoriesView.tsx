// The story bank: the 5-8 stories a person prepares and reuses, each with its situation, what they did,
// the result and the principles it shows; which principles no story covers yet; the questions each is
// linked to (linked here, questions probing the story's principles offered first, or on the practice
// screen); export and import as a pack file.
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { PRINCIPLE_IDS } from '../content/question-pack';
import { packFileName, packFileText } from '../content/pack-io';
import type { StoredQuestion, StoredStory } from '../data/db';
import { importPackText } from '../data/question-repo';
import { db } from '../data/use-app-data';
import { downloadFile } from '../ui/QuestionBank';
import { principleTitle } from '../checklist/principle-title';
import { draftFromStory, emptyStoryDraft, resultNudge } from './story-draft';
import { exportStories } from './story-io';
import { uncoveredPrinciples } from './story-links';
import { addStory, deleteStory, unlinkStory, updateStory } from './story-repo';
import { StoryEditor } from './StoryEditor';
import { StoryParts } from './StoryParts';
import { StoryQuestionLink } from './StoryQuestionLink';
import { useStories } from './use-stories';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

type Notice = { kind: 'status' | 'alert'; text: string } | null;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function StoriesView({ questions }: { questions: StoredQuestion[] }) {
  const uid = useId();
  const headingId = `${uid}-heading`;
  const addId = `${uid}-add`;
  const editId = (id: string) => `${uid}-edit-${id}`;
  const stories = useStories();
  const questionText = useMemo(() => new Map(questions.map((q) => [q.id, q.text])), [questions]);
  const [editing, setEditing] = useState<{ mode: 'add' } | { mode: 'edit'; id: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const element = document.getElementById(pendingFocus.current);
    pendingFocus.current = null;
    element?.focus();
  });

  const close = (message?: string) => {
    if (editing) pendingFocus.current = editing.mode === 'add' ? addId : editId(editing.id);
    setEditing(null);
    if (message) setNotice({ kind: 'status', text: message });
  };

  const exportAll = () => {
    try {
      const pack = exportStories(stories ?? []);
      const fileName = packFileName(pack);
      downloadFile(fileName, packFileText(pack));
      setNotice({ kind: 'status', text: `Exported ${pack.stories?.length ?? 0} stories as ${fileName}.` });
    } catch (error) {
      setNotice({ kind: 'alert', text: messageOf(error) });
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setEditing(null);
    try {
      if (file.size > MAX_FILE_BYTES) {
        setNotice({ kind: 'alert', text: `“${file.name}” is too big to be a pack of stories. Nothing was imported.` });
        return;
      }
      const result = await importPackText(db, await file.text());
      setNotice(result.ok ? { kind: 'status', text: result.message } : { kind: 'alert', text: `${result.message} Nothing was imported.` });
    } catch (error) {
      setNotice({ kind: 'alert', text: `Couldn’t read “${file.name}”: ${messageOf(error)}. Nothing was imported.` });
    } finally {
      input.value = '';
    }
  };

  const remove = async (story: StoredStory) => {
    try {
      const takes = await deleteStory(db, story.id);
      setConfirming(null);
      pendingFocus.current = headingId;
      setNotice({
        kind: 'status',
        text: `Story deleted.${takes > 0 ? ` ${takes} take${takes === 1 ? ' no longer notes' : 's no longer note'} it.` : ''}`,
      });
    } catch (error) {
      setNotice({ kind: 'alert', text: messageOf(error) });
    }
  };

  const uncovered = stories ? uncoveredPrinciples(stories, PRINCIPLE_IDS) : [];

  return (
    <section className="question-bank story-bank" aria-labelledby={headingId}>
      <div className="question-bank-head">
        <h2 id={headingId} tabIndex={-1}>
          Stories
        </h2>
        <div className="question-bank-actions">
          <button
            type="button"
            id={addId}
            className="button-primary"
            aria-expanded={editing?.mode === 'add'}
            onClick={() => setEditing({ mode: 'add' })}
          >
            Add a story
          </button>
          <button type="button" disabled={!stories || stories.length === 0} onClick={exportAll}>
            Export stories
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import stories…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            aria-label="Stories file"
            hidden
            onChange={(event) => void importFile(event)}
          />
        </div>
      </div>
      <p className="bank-intro">
        Most people prepare 5 to 8 stories and tell them, adapted, to many questions. Write each one down: the situation, what you did and
        the result, with numbers. Link a story to the questions it answers, here or on the practice screen, and it shows there as a cue card
        before you record.
      </p>
      {stories && stories.length > 0 && (
        <p className="story-coverage">
          {uncovered.length === 0
            ? 'Every principle has at least one story.'
            : `Principles no story covers yet: ${uncovered.map(principleTitle).join(', ')}.`}
        </p>
      )}

      <div role="status" className={notice?.kind === 'status' ? 'banner banner-info' : undefined}>
        {notice?.kind === 'status' ? notice.text : null}
      </div>
      {notice?.kind === 'alert' && (
        <p role="alert" className="banner banner-error">
          {notice.text}
        </p>
      )}

      {editing?.mode === 'add' && (
        <StoryEditor
          heading="New story"
          initial={emptyStoryDraft()}
          onSave={async (draft) => {
            const result = await addStory(db, draft);
            if (result.ok) close('Story added.');
            return result;
          }}
          onCancel={() => close()}
        />
      )}

      {stories === undefined ? (
        <p className="empty">Loading…</p>
      ) : stories.length === 0 ? (
        <p className="empty">No stories yet. Add the first one: a time you were wrong, a hard call, a piece of candid feedback.</p>
      ) : (
        <ul className="bank-list" aria-label="Your stories">
          {stories.map((story) => {
            const titleId = `${uid}-title-${story.id}`;
            if (editing?.mode === 'edit' && editing.id === story.id) {
              return (
                <li key={story.id} className="bank-item bank-item-editing">
                  <StoryEditor
                    heading="Edit story"
                    initial={draftFromStory(story)}
                    onSave={async (draft) => {
                      const result = await updateStory(db, story.id, draft);
                      if (result.ok) close('Changes saved.');
                      return result;
                    }}
                    onCancel={() => close()}
                  />
                </li>
              );
            }
            const nudge = resultNudge(story.result);
            const linked = story.questionIds.filter((id) => questionText.has(id));
            return (
              <li key={story.id} className="bank-item story-item">
                <article className="bank-item-body" aria-labelledby={titleId}>
                  <h3 id={titleId} className="bank-question">
                    {story.title}
                  </h3>
                  <p className="bank-principles">Shows: {story.principles.map(principleTitle).join(', ')}</p>
                  <StoryParts story={story} />
                  {nudge && <p className="story-nudge">{nudge}</p>}
                  {linked.length === 0 ? (
                    <p className="bank-meta">Not linked to a question yet.</p>
                  ) : (
                    <div className="story-links">
                      <p className="bank-meta">Linked to:</p>
                      <ul>
                        {linked.map((id) => (
                          <li key={id}>
                            <span>{questionText.get(id)}</span>{' '}
                            <button
                              type="button"
                              aria-label={`Unlink from “${questionText.get(id)}”`}
                              onClick={() => void unlinkStory(db, story.id, id)}
                            >
                              Unlink
                            </button>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  <StoryQuestionLink story={story} questions={questions} describedBy={titleId} />
                </article>
                <div className="bank-actions">
                  <button
                    type="button"
                    id={editId(story.id)}
                    aria-describedby={titleId}
                    onClick={() => setEditing({ mode: 'edit', id: story.id })}
                  >
                    Edit
                  </button>
                  {confirming !== story.id && (
                    <button type="button" aria-describedby={titleId} onClick={() => setConfirming(story.id)}>
                      Delete
                    </button>
                  )}
                </div>
                {confirming === story.id && (
                  <div
                    className="bank-confirm"
                    role="group"
                    aria-labelledby={`${uid}-confirm-${story.id}`}
                    onKeyDown={(event) => {
                      if (event.key !== 'Escape') return;
                      event.preventDefault();
                      setConfirming(null);
                    }}
                  >
                    <p id={`${uid}-confirm-${story.id}`}>Delete this story? Takes that told it keep their recording, not the note.</p>
                    <button type="button" className="button-danger" onClick={() => void remove(story)}>
                      Delete
                    </button>
                    <button type="button" autoFocus onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
