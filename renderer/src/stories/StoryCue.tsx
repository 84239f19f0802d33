// The story cue card on the practice screen: the story (or stories) linked to the question, shown before
// recording and hidden while recording unless the person keeps it; with no story linked, the stories
// that share the question's principles, to link in one click.
import { useId, useState } from 'react';
import type { StoredQuestion } from '../data/db';
import { db } from '../data/use-app-data';
import { useKeepCueVisible } from './keep-cue';
import { principleTitle } from '../checklist/principle-title';
import { storiesForQuestion } from './story-links';
import { linkStory, unlinkStory } from './story-repo';
import { StoryParts } from './StoryParts';
import { useStories } from './use-stories';

/** How many suggestions are offered as buttons; the rest are in the "another story" list. */
const SUGGESTIONS = 3;

export function StoryCue({ question, recording }: { question: StoredQuestion; recording: boolean }) {
  const uid = useId();
  const stories = useStories();
  const [keep, setKeep] = useKeepCueVisible();
  const [other, setOther] = useState('');
  if (!stories || stories.length === 0) return null;
  const { linked, suggested } = storiesForQuestion(stories, question);
  const headingId = `${uid}-heading`;

  if (recording && !keep) {
    return linked.length > 0 ? <p className="story-cue-hidden hint">Your story cue is hidden while you record.</p> : null;
  }

  if (linked.length > 0) {
    return (
      <section className="story-cue" aria-labelledby={headingId}>
        <h2 id={headingId} className="story-cue-heading">
          Your story for this question
        </h2>
        {linked.map((story) => (
          <article key={story.id} className="story-cue-story" aria-labelledby={`${uid}-${story.id}`}>
            <h3 id={`${uid}-${story.id}`}>{story.title}</h3>
            <p className="bank-principles">Shows: {story.principles.map(principleTitle).join(', ')}</p>
            <StoryParts story={story} />
            {!recording && (
              <button
                type="button"
                aria-label={`Unlink “${story.title}” from this question`}
                onClick={() => void unlinkStory(db, story.id, question.id)}
              >
                Unlink
              </button>
            )}
          </article>
        ))}
        <label className="check story-cue-keep">
          <input type="checkbox" checked={keep} onChange={(event) => setKeep(event.target.checked)} />
          Keep visible while recording
        </label>
      </section>
    );
  }

  if (recording) return null;
  const offered = suggested.slice(0, SUGGESTIONS);
  const rest = stories.filter((story) => !offered.some((s) => s.story.id === story.id));
  return (
    <section className="story-cue story-cue-empty" aria-labelledby={headingId}>
      <h2 id={headingId} className="story-cue-heading">
        No story linked to this question
      </h2>
      {offered.length > 0 ? (
        <>
          <p className="hint">Suggested by the principles this question probes:</p>
          <ul className="story-suggestions">
            {offered.map(({ story, shared }) => (
              <li key={story.id}>
                <span>
                  <strong>{story.title}</strong> <span className="hint">shares {shared.map(principleTitle).join(', ')}</span>
                </span>{' '}
                <button type="button" aria-label={`Link “${story.title}”`} onClick={() => void linkStory(db, story.id, question.id)}>
                  Link
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">None of your stories shows the principles this question probes.</p>
      )}
      {rest.length > 0 && (
        <div className="story-link-other">
          <label htmlFor={`${uid}-other`}>Link another story</label>
          <select id={`${uid}-other`} value={other} onChange={(event) => setOther(event.target.value)}>
            <option value="">Choose a story…</option>
            {rest.map((story) => (
              <option key={story.id} value={story.id}>
                {story.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={other === ''}
            onClick={() => {
              void linkStory(db, other, question.id);
              setOther('');
            }}
          >
            Link
          </button>
        </div>
      )}
    </section>
  );
}
