// History's view of the story bank: how often each story was told (as noted after each take) and which
// principles no story covers yet.
import { useId } from 'react';
import { PRINCIPLE_IDS } from '../content/question-pack';
import type { Attempt } from '../data/db';
import { formatWhen } from '../ui/format';
import { principleTitle } from '../checklist/principle-title';
import { storyUsage, uncoveredPrinciples } from './story-links';
import { useStories } from './use-stories';

export function StoryUsage({ attempts }: { attempts: readonly Attempt[] }) {
  const headingId = useId();
  const stories = useStories();
  if (!stories) return null;
  const uses = storyUsage(stories, attempts);
  const uncovered = uncoveredPrinciples(stories, PRINCIPLE_IDS);
  return (
    <section className="story-usage" aria-labelledby={headingId}>
      <h3 id={headingId}>Your stories</h3>
      {stories.length === 0 ? (
        <p className="empty">No stories yet: write them in the Stories view, then note after each take which one you told.</p>
      ) : (
        <ul aria-label="How often each story was told">
          {uses.map(({ story, takes, lastUsedAt }) => (
            <li key={story.id}>
              <span className="story-usage-title">{story.title}</span>{' '}
              <span className="story-usage-count">
                {takes === 0
                  ? 'not told in any take yet'
                  : `told in ${takes} take${takes === 1 ? '' : 's'}, last ${formatWhen(lastUsedAt ?? 0)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="story-coverage">
        {uncovered.length === 0
          ? 'Every principle has at least one story.'
          : `Principles no story covers yet: ${uncovered.map(principleTitle).join(', ')}.`}
      </p>
    </section>
  );
}
