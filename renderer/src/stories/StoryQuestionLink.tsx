// In the Stories view: link a story to a question, with the questions that probe the principles the story
// shows offered first (the same ranking the practice screen uses the other way round).
import { useId, useState } from 'react';
import type { StoredQuestion, StoredStory } from '../data/db';
import { db } from '../data/use-app-data';
import { principleTitle } from '../checklist/principle-title';
import { questionsForStory } from './story-links';
import { linkStory } from './story-repo';

export function StoryQuestionLink({
  story,
  questions,
  describedBy,
}: {
  story: StoredStory;
  questions: StoredQuestion[];
  describedBy: string;
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const { suggested, others } = questionsForStory(questions, story);
  if (suggested.length === 0 && others.length === 0) return null;
  return (
    <div className="story-link-other">
      <label htmlFor={id}>Link to a question</label>
      <select id={id} value={chosen} aria-describedby={describedBy} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Choose a question…</option>
        {suggested.length > 0 && (
          <optgroup label="Suggested: probes what this story shows">
            {suggested.map(({ question, shared }) => (
              <option key={question.id} value={question.id}>
                {question.text} ({shared.map(principleTitle).join(', ')})
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label="Other questions">
            {others.map((question) => (
              <option key={question.id} value={question.id}>
                {question.text}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button
        type="button"
        disabled={chosen === ''}
        aria-describedby={describedBy}
        onClick={() => {
          void linkStory(db, story.id, chosen);
          setChosen('');
        }}
      >
        Link
      </button>
    </div>
  );
}
