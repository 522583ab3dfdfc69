/**
 * One simulated session, played through the server's own functions exactly as
 * the browser plays one: start the attempt, send each choice as a turn, finish
 * at an ending. The server replays the turns and stores the scores it derives;
 * nothing here writes a score. A local play of the same attempt (the engine's
 * `startPlay`, with the attempt's id) only tells the trainee which beat they
 * are at and what is on offer.
 */
import { randomUUID } from 'node:crypto';
import { offersAt, startPlay } from '../../engine/index.js';
import { appendTurn, contentOf, finishAttempt, startAttempt } from '../attempts.js';
import type { AttemptRow } from '../attempts.js';
import type { Auth } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import { chooseReply } from './policy.js';
import type { BlindSpot } from './policy.js';
import type { Random } from './random.js';
import type { Clock } from './term.js';

export interface PlannedSession {
  readonly scenarioId: string;
  readonly mode: 'practice' | 'assessment';
  readonly assignmentId: string | null;
  readonly startAt: Date;
  readonly skill: number;
  readonly blindSpot: BlindSpot;
  /** Leave after this many turns if no ending has come; null plays to the end. */
  readonly leaveAfter: number | null;
}

/** Seconds a trainee takes to read a beat and choose. */
const THINKING = { min: 15, max: 95 };

export async function playSession(ctx: ServerContext, clock: Clock, trainee: Auth, session: PlannedSession, random: Random): Promise<AttemptRow> {
  const current = ctx.content.current.get(session.scenarioId);
  if (!current) throw new Error(`the library has no scenario "${session.scenarioId}"`);
  const { scenario, rubric } = await contentOf(ctx, session.scenarioId, current.hash, ctx.content.rubricHash);
  let time = session.startAt.getTime();
  clock.set(new Date(time));
  const attemptId = randomUUID();
  const { attempt } = await startAttempt(ctx, trainee, {
    id: attemptId, scenarioId: scenario.id, scenarioHash: current.hash, rubricHash: ctx.content.rubricHash,
    mode: session.mode, assignmentId: session.assignmentId, startedAt: new Date(time).toISOString(),
  });
  const play = startPlay(scenario, rubric, { attemptId });
  try {
    let stored = attempt;
    for (let index = 0; !play.ended; index++) {
      if (session.leaveAfter !== null && index >= session.leaveAfter) return stored;
      const reply = chooseReply(offersAt(scenario, rubric, play.context), session.skill, session.blindSpot, random);
      time += random.int(THINKING.min, THINKING.max) * 1000;
      const at = new Date(time).toISOString();
      clock.set(new Date(time + random.int(80, 400)));
      ({ attempt: stored } = await appendTurn(ctx, trainee, { attemptId: attempt.id, index, beatId: play.beatId!, responseId: reply.response.id, at }));
      play.choose(reply.response.id);
    }
    time += random.int(5, 40) * 1000;
    clock.set(new Date(time));
    return await finishAttempt(ctx, trainee, attempt.id, new Date(time).toISOString());
  } finally {
    play.stop();
  }
}
