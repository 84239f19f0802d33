// Plans a mock loop the way the guide describes Netflix's process: a recruiter screen, a hiring-manager
// screen, then three to five interviews with the team, back to back. Pure and seeded, so a plan can be
// tested and a loop reproduced.
import type { Question, Stage } from '../content/question-pack';
import type { LoopStep } from '../data/db';
import { pickFollowUp } from '../followups/follow-ups';

export const QUESTIONS_PER_SCREEN = 2;
export const MIN_TEAM_INTERVIEWS = 3;
export const MAX_TEAM_INTERVIEWS = 5;

export interface LoopOptions {
  /** 3-5 team interviews, one question each. */
  teamInterviews: number;
  /** Engineering roles get technical questions in the team interviews; others do not. */
  technical: boolean;
  /** A number in [0, 1), like Math.random; pass a seeded one to reproduce a loop. */
  random: () => number;
}

export type LoopPlan = { ok: true; steps: LoopStep[] } | { ok: false; message: string };

const STAGE_NAME: Record<Stage, string> = {
  'recruiter-screen': 'Recruiter screen',
  'hiring-manager-screen': 'Hiring-manager screen',
  'team-interview': 'Team interview',
};

/**
 * Recruiter screen and hiring-manager screen: two questions each, from that stage, of different
 * categories where the bank allows (so a recruiter screen is not two compensation questions).
 * Team interviews: one question each from the team stage, alternating technical and behavioural
 * when `technical`, never technical otherwise. No question is asked twice in a loop. After each team
 * answer the interviewer asks one of the question's follow-ups (chosen here, so a plan is reproducible).
 */
export function planLoop(questions: readonly Question[], options: LoopOptions): LoopPlan {
  const teamInterviews = Math.round(options.teamInterviews);
  if (teamInterviews < MIN_TEAM_INTERVIEWS || teamInterviews > MAX_TEAM_INTERVIEWS) {
    return {
      ok: false,
      message: `A loop has ${MIN_TEAM_INTERVIEWS} to ${MAX_TEAM_INTERVIEWS} team interviews, not ${options.teamInterviews}.`,
    };
  }
  const used = new Set<string>();
  const pool = (stage: Stage) =>
    shuffle(
      questions.filter((q) => q.stage === stage && (options.technical || q.category !== 'technical')),
      options.random,
    );
  const take = (candidates: Question[], prefer?: (q: Question) => boolean): Question | undefined => {
    const free = candidates.filter((q) => !used.has(q.id));
    const picked = (prefer && free.find(prefer)) ?? free[0];
    if (picked) used.add(picked.id);
    return picked;
  };

  const steps: LoopStep[] = [];
  for (const stage of ['recruiter-screen', 'hiring-manager-screen'] as const) {
    const candidates = pool(stage);
    const categories = new Set<string>();
    for (let i = 0; i < QUESTIONS_PER_SCREEN; i++) {
      const question = take(candidates, (q) => !categories.has(q.category));
      if (!question) return notEnough(stage, QUESTIONS_PER_SCREEN);
      categories.add(question.category);
      steps.push({ stage, label: `${STAGE_NAME[stage]} · question ${i + 1} of ${QUESTIONS_PER_SCREEN}`, questionId: question.id });
    }
  }
  const team = pool('team-interview');
  for (let i = 0; i < teamInterviews; i++) {
    const wantTechnical = options.technical && i % 2 === 0;
    const question = take(team, (q) => (q.category === 'technical') === wantTechnical);
    if (!question) return notEnough('team-interview', teamInterviews);
    const followUp = pickFollowUp(question, options.random);
    steps.push({
      stage: 'team-interview',
      label: `${STAGE_NAME['team-interview']} ${i + 1} of ${teamInterviews}`,
      questionId: question.id,
      ...(followUp ? { followUp: { followUpId: followUp.id } } : {}),
    });
  }
  return { ok: true, steps };
}

function notEnough(stage: Stage, needed: number): LoopPlan {
  return {
    ok: false,
    message: `The question bank needs at least ${needed} questions for the ${STAGE_NAME[stage].toLowerCase()} to plan a loop.`,
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A small seeded generator (mulberry32), so tests and "the same loop again" are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
