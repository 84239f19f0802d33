// The story bank as a live query for the screens: every story, oldest first, updated as it changes.
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredStory } from '../data/db';
import { db } from '../data/use-app-data';
import { allStories } from './story-repo';

/** Every story; undefined while loading. */
export function useStories(): StoredStory[] | undefined {
  return useLiveQuery(() => allStories(db), []);
}
