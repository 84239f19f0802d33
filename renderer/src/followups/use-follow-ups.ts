// Live queries over follow-up takes (Dexie's followUp.parentTakeId index): the takes answering one
// follow-up after one take, and every follow-up take of one take.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Attempt } from '../data/db';
import { db } from '../data/use-app-data';

/** The follow-ups answered after `parentTakeId`, newest first, without deleted ones. */
export function useFollowUpsOf(parentTakeId: string | null, followUpId?: string): Attempt[] {
  return useLiveQuery(
    async () => {
      if (!parentTakeId) return [];
      const takes = await db.attempts.where('followUp.parentTakeId').equals(parentTakeId).toArray();
      return takes
        .filter((a) => a.deletedAt === undefined && (followUpId === undefined || a.followUp?.followUpId === followUpId))
        .sort((a, b) => b.startedAt - a.startedAt);
    },
    [parentTakeId, followUpId],
    [],
  );
}
