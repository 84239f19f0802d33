// What the transcript guards changed, in words a person reads beside the transcript (and the CLI prints
// on stderr): edits are told, never silent. Pure: shared by main, the CLI and the renderer.
import type { TranscriptionGuards } from './contract';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function guardNotes(guards: TranscriptionGuards | undefined): string[] {
  if (!guards) return [];
  const notes: string[] = [];
  if (guards.repeatsRemoved > 0)
    notes.push(`${count(guards.repeatsRemoved, 'repeated line was', 'repeated lines were')} removed (the speech engine looped).`);
  if (guards.silentSegmentsDropped > 0)
    notes.push(
      `${count(guards.silentSegmentsDropped, 'line', 'lines')} written where nothing was said ${guards.silentSegmentsDropped === 1 ? 'was' : 'were'} removed.`,
    );
  if (guards.annotationsRemoved > 0) {
    const were = guards.annotationsRemoved === 1 ? 'was' : 'were';
    notes.push(`${count(guards.annotationsRemoved, 'sound note', 'sound notes')} (like "(laughs)") ${were} kept out of the words.`);
  }
  if (guards.wordsDoubledAtCuts > 0) {
    const are = guards.wordsDoubledAtCuts === 1 ? 'is' : 'are';
    notes.push(`${count(guards.wordsDoubledAtCuts, 'word', 'words')} written twice where the audio was split ${are} kept once.`);
  }
  if (guards.timesFixed > 0) notes.push(`${count(guards.timesFixed, 'word time was', 'word times were')} corrected.`);
  return notes;
}
