// A story's situation, what the person did and the result: shown in the Stories view and on the cue card.
import type { StoredStory } from '../data/db';

/** Situation, what the person did, and the result, as a short description list (empty parts left out). */
export function StoryParts({ story }: { story: Pick<StoredStory, 'situation' | 'action' | 'result'> }) {
  const parts = [
    ['Situation', story.situation],
    ['What I did', story.action],
    ['Result', story.result],
  ].filter(([, text]) => text);
  if (parts.length === 0) return null;
  return (
    <dl className="story-parts">
      {parts.map(([term, text]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
