// What a person ticked for one take, as pure functions over TakeChecklist (stored on the attempt).
// Each change returns a new checklist with `updatedAt` set to `now` (never mutating the one given);
// only detaching evidence that is not there returns the state unchanged.
import type { ChecklistTick, Evidence, TakeChecklist } from '../data/db';
import type { Sentence } from './sentences';

export interface ChecklistScore {
  /** Of the given items, how many are ticked. */
  ticked: number;
  /** How many items were given (each id counted once). */
  total: number;
  /** Of the ticked ones, how many have a sentence attached. */
  withEvidence: number;
}

function empty(now: number): TakeChecklist {
  return { ticks: [], updatedAt: now };
}

function tickOf(state: TakeChecklist | undefined, itemId: string): ChecklistTick | undefined {
  return state?.ticks.find((tick) => tick.itemId === itemId);
}

export function isTicked(state: TakeChecklist | undefined, itemId: string): boolean {
  return tickOf(state, itemId) !== undefined;
}

export function evidenceFor(state: TakeChecklist | undefined, itemId: string): Evidence | undefined {
  return tickOf(state, itemId)?.evidence;
}

/** A sentence as stored evidence: its index plus a copy of its text and times. */
export function evidenceFrom(sentence: Pick<Sentence, 'index' | 'text' | 'startMs' | 'endMs'>): Evidence {
  return { sentenceIndex: sentence.index, text: sentence.text, startMs: sentence.startMs, endMs: sentence.endMs };
}

/** Ticks an unticked item; unticks a ticked one, which drops its evidence too. */
export function toggleItem(state: TakeChecklist | undefined, itemId: string, now: number): TakeChecklist {
  const ticks = state?.ticks ?? [];
  if (isTicked(state, itemId)) return { ticks: ticks.filter((tick) => tick.itemId !== itemId), updatedAt: now };
  return { ticks: [...ticks, { itemId }], updatedAt: now };
}

/** Attaches the sentence to the item as its evidence (replacing any), ticking the item if it was not. */
export function attachEvidence(
  state: TakeChecklist | undefined,
  itemId: string,
  sentence: Pick<Sentence, 'index' | 'text' | 'startMs' | 'endMs'>,
  now: number,
): TakeChecklist {
  const evidence = evidenceFrom(sentence);
  const ticks = state?.ticks ?? [];
  if (!isTicked(state, itemId)) return { ticks: [...ticks, { itemId, evidence }], updatedAt: now };
  return { ticks: ticks.map((tick) => (tick.itemId === itemId ? { itemId, evidence } : tick)), updatedAt: now };
}

/** Removes the item's evidence; the item stays ticked. */
export function detachEvidence(state: TakeChecklist | undefined, itemId: string, now: number): TakeChecklist {
  if (!state) return empty(now);
  if (!evidenceFor(state, itemId)) return state;
  return { ticks: state.ticks.map((tick) => (tick.itemId === itemId ? { itemId } : tick)), updatedAt: now };
}

/** The score over the given items only (the items of the principles a question probes). */
export function checklistScore(state: TakeChecklist | undefined, itemIds: readonly string[]): ChecklistScore {
  const ids = new Set(itemIds);
  let ticked = 0;
  let withEvidence = 0;
  const counted = new Set<string>();
  for (const tick of state?.ticks ?? []) {
    if (!ids.has(tick.itemId) || counted.has(tick.itemId)) continue;
    counted.add(tick.itemId);
    ticked += 1;
    if (tick.evidence) withEvidence += 1;
  }
  return { ticked, total: ids.size, withEvidence };
}
