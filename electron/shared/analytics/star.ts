// STAR coverage cues: phrases that suggest the answer names a Situation, Task, Action and Result.
//
// A cue is found when it occurs anywhere in the phrase tokens (words.ts: lowercased, punctuation
// stripped, fillers left out, "%" read as "percent"), on whole tokens; cues may overlap ("so i decided"
// finds both "so i" and "i decided"). Each part lists the cues found, in the order of STAR_CUES.
// starCovered = how many of the four parts have at least one cue. These are cues, not understanding: an
// answer can cover a part in words not listed here.
import { startsWith } from './words';

export type StarPart = 'situation' | 'task' | 'action' | 'result';
export type StarCues = Record<StarPart, string[]>;

export const STAR_CUES: Readonly<Record<StarPart, readonly string[]>> = {
  situation: [
    'at the time',
    'we were',
    'the situation',
    'context',
    'last year',
    'when i was',
    'back then',
    'the background',
    'at my last job',
    'at my previous job',
  ],
  task: [
    'my job was',
    'i was responsible',
    'the goal',
    'i needed to',
    'my role',
    'i had to',
    'we needed to',
    'the task',
    'the challenge',
    'the problem was',
  ],
  action: [
    'i decided',
    'i built',
    'i proposed',
    'i called',
    'i wrote',
    'so i',
    'i set up',
    'i started',
    'i talked to',
    'i asked',
    'i created',
    'i designed',
    'i led',
  ],
  result: [
    'as a result',
    'the result',
    'which meant',
    'we saved',
    'reduced',
    'increased',
    'improved',
    'in the end',
    'ended up',
    'the outcome',
    'percent',
  ],
};

export function findStarCues(tokens: readonly string[]): { star: StarCues; starCovered: number } {
  const found = (cues: readonly string[]) => cues.filter((cue) => occurs(tokens, cue.split(' ')));
  const star: StarCues = {
    situation: found(STAR_CUES.situation),
    task: found(STAR_CUES.task),
    action: found(STAR_CUES.action),
    result: found(STAR_CUES.result),
  };
  const starCovered = Object.values(star).filter((cues) => cues.length > 0).length;
  return { star, starCovered };
}

function occurs(tokens: readonly string[], parts: readonly string[]): boolean {
  for (let at = 0; at + parts.length <= tokens.length; at++) if (startsWith(tokens, at, parts)) return true;
  return false;
}
