// After a take: the person notes which story they told (stories linked to the question first), so History
// can count how often each story is used. Saved with the take at once.
import { useId, useState } from 'react';
import type { Attempt, StoredQuestion } from '../data/db';
import { db } from '../data/use-app-data';
import { storiesForQuestion } from './story-links';
import { noteStoryUsed } from './story-repo';
import { useStories } from './use-stories';

export function StoryUsed({ attempt, question }: { attempt: Attempt; question: StoredQuestion }) {
  const id = useId();
  const stories = useStories();
  const [error, setError] = useState<string | null>(null);
  if (!stories) return null;
  if (stories.length === 0) {
    return <p className="story-used hint">Write your stories in the Stories view to note which one you told here.</p>;
  }
  const { linked } = storiesForQuestion(stories, question);
  const others = stories.filter((story) => !linked.includes(story));
  const known = attempt.storyId !== undefined && stories.some((story) => story.id === attempt.storyId);
  return (
    <div className="story-used">
      <label htmlFor={id}>Story you told</label>
      <select
        id={id}
        value={known ? attempt.storyId : ''}
        onChange={(event) => {
          setError(null);
          noteStoryUsed(db, attempt.id, event.target.value || null).catch((reason: unknown) =>
            setError(reason instanceof Error ? reason.message : String(reason)),
          );
        }}
      >
        <option value="">None noted</option>
        {linked.length > 0 && (
          <optgroup label="Linked to this question">
            {linked.map((story) => (
              <option key={story.id} value={story.id}>
                {story.title}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label={linked.length > 0 ? 'Other stories' : 'Your stories'}>
            {others.map((story) => (
              <option key={story.id} value={story.id}>
                {story.title}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {error && (
        <span role="alert" className="export-error">
          {error}
        </span>
      )}
    </div>
  );
}
