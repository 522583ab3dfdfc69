/**
 * What the supervisors do with the term's work: they read finished attempts a
 * day or few after they come in, comment on the turn that matters (a missed
 * risk cue first, then a rupture handled well or badly), and sign off most
 * assessments. The newest work is left unread, so a supervisor has a queue.
 */
import type { Kysely } from 'kysely';
import { replay } from '../../engine/index.js';
import type { AttemptResult, Scenario } from '../../engine/index.js';
import type { AttemptRow } from '../attempts.js';
import { contentOf } from '../attempts.js';
import type { Auth } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import type { Tables } from '../db/tables.js';
import { addComment, signOff } from '../review.js';
import type { Random } from './random.js';
import type { Clock } from './term.js';

const HOUR_MS = 3_600_000;
/** Chance a supervisor reads a finished attempt: every flagged one, most assessments, a few practice sessions. */
const READS = { flagged: 1, assessment: 0.7, practice: 0.12 };
const SIGNS_OFF = 0.85;
const COMMENTS_ON_READ = 0.6;

export interface SupervisionTotals {
  comments: number;
  signOffs: number;
}

/** Reviews the finished attempts of one cohort's trainees, in the order they came in. */
/** Reads only what came in before `until` (today): nobody reviews in the future. */
export async function superviseCohort(ctx: ServerContext, clock: Clock, supervisor: Auth, cohortId: string, until: Date, random: Random): Promise<SupervisionTotals> {
  const totals: SupervisionTotals = { comments: 0, signOffs: 0 };
  const attempts = await finishedAttemptsOf(ctx.db, cohortId);
  for (const attempt of attempts) {
    const flagged = (JSON.parse(attempt.flags) as string[]).length > 0;
    if (!random.chance(flagged ? READS.flagged : READS[attempt.mode])) continue;
    const readAt = Date.parse(attempt.finished_at!) + random.between(flagged ? 4 : 18, 90) * HOUR_MS;
    if (readAt >= until.getTime()) continue;
    clock.set(new Date(readAt));
    const { scenario, rubric } = await contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash);
    const turns = await ctx.db.selectFrom('turns').select('response_id').where('attempt_id', '=', attempt.id).orderBy('idx').execute();
    const result = replay(scenario, rubric, turns.map((t) => t.response_id));
    if (flagged || random.chance(COMMENTS_ON_READ)) {
      const note = turnNote(scenario, result);
      if (note) {
        await addComment(ctx, supervisor, attempt, note.turn, note.body);
        totals.comments++;
      }
      if (attempt.mode === 'assessment' && random.chance(0.5)) {
        clock.set(new Date(readAt + random.int(1, 6) * 60_000));
        await addComment(ctx, supervisor, attempt, null, overallNote(attempt, result));
        totals.comments++;
      }
    }
    if (attempt.mode === 'assessment' && random.chance(SIGNS_OFF)) {
      clock.set(new Date(readAt + 10 * 60_000));
      await signOff(ctx, supervisor, attempt);
      totals.signOffs++;
    }
  }
  return totals;
}

function finishedAttemptsOf(db: Kysely<Tables>, cohortId: string): Promise<AttemptRow[]> {
  return db.selectFrom('attempts').innerJoin('memberships', 'memberships.user_id', 'attempts.user_id').selectAll('attempts')
    .where('memberships.cohort_id', '=', cohortId).where('attempts.finished_at', 'is not', null).orderBy('attempts.finished_at').execute();
}

/** The turn a supervisor would put a finger on, and what they would say. */
function turnNote(scenario: Scenario, result: AttemptResult): { turn: number; body: string } | null {
  const client = scenario.client.name.split(' ')[0]!;
  const missed = result.flags.find((f) => f.flag === 'risk_not_assessed');
  if (missed) {
    const cue = result.turns.find((t) => t.beat === missed.beat)?.index ?? missed.turn;
    return { turn: cue, body: `${client} gives you a risk cue here and the session moves on. Ask directly and plainly about suicide, on this turn or the next; asking does not put the idea there. Let's rehearse the question together at supervision.` };
  }
  const unmanaged = result.flags.find((f) => f.flag !== 'risk_not_assessed');
  if (unmanaged) return { turn: unmanaged.turn, body: `${unmanaged.message} Bring this one to supervision: we need to talk about what this risk called for here, and what it would have looked like.` };

  const atMarker = result.turns.filter((t) => scenario.beats[t.beat]?.marker);
  const worst = [...atMarker].sort((a, b) => a.rating - b.rating)[0];
  if (worst && worst.rating <= 2) {
    return worst.context.rupture === 'withdrawal'
      ? { turn: worst.index, body: `${client} goes quiet and agrees with you here, but the feeling does not match the words. That is a withdrawal marker: name what you notice, gently, and make room for a "no" rather than taking the "yes" at face value.` }
      : { turn: worst.index, body: `This is aimed at you. Before explaining or defending, stay with how it landed for ${client}; the explanation can come later, once they feel heard.` };
  }
  const best = [...atMarker].sort((a, b) => b.rating - a.rating)[0];
  if (best && best.rating >= 4) return { turn: best.index, body: `Nicely done: you noticed the shift in ${client} and stayed with it instead of moving on. This is the move to keep.` };

  const lowest = [...result.turns].sort((a, b) => a.rating - b.rating)[0];
  if (lowest && lowest.rating <= 2) return { turn: lowest.index, body: `Have a look at the other replies on offer here. What made this one feel right in the moment? What was ${client} asking of you?` };
  return null;
}

function overallNote(attempt: AttemptRow, result: AttemptResult): string {
  const { trust, safety, repair } = result.scores;
  const scores = `Trust ${trust}, Safety ${safety}${repair === null ? '' : `, Repair ${repair}`}`;
  if (attempt.passed === 1) return `${scores}. A solid assessment: you kept the alliance through the hard part.`;
  return `${scores}. Not there yet, and that is what practice is for. Replay it in practice mode and look at where Trust drops; we'll go over it next week.`;
}
