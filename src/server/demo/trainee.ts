/**
 * A trainee's twelve weeks: a few sessions a week at times of their own,
 * mostly on what is assigned and due next, otherwise free practice. Some
 * assignments a trainee never gets to, some they do late, a failed assessment
 * is often tried again before it is due, and some sessions are left unfinished.
 */
import type { AssignmentsTable } from '../db/tables.js';
import type { Auth } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import type { Random } from './random.js';
import type { Trainee } from './roster.js';
import { skillOn } from './roster.js';
import { playSession } from './session.js';
import type { PlannedSession } from './session.js';
import type { Calendar, Clock } from './term.js';
import { TERM_DAYS } from './term.js';

export interface TermLibrary {
  readonly tutorial: string | null;
  /** The clients, for free practice. */
  readonly scenarios: readonly string[];
}

/** Days after the due date a trainee still catches up on an assignment; after that it stays overdue. */
const LATE_DAYS = 6;
/** Chance a session goes to the assignment due next rather than to free practice. */
const ON_ASSIGNMENT = 0.8;
const RETRY_FAILED_ASSESSMENT = 0.6;

export interface TermTotals {
  attempts: number;
  finished: number;
}

export async function playTerm(
  ctx: ServerContext, clock: Clock, calendar: Calendar, trainee: Trainee, auth: Auth,
  assignments: readonly AssignmentsTable[], library: TermLibrary, random: Random,
): Promise<TermTotals> {
  const { profile } = trainee;
  // Decided up front, as people decide what they will skip: some work is never started.
  const intends = new Set(assignments.filter(() => random.chance(profile.diligence)).map((a) => a.id));
  const settled = new Set<string>();
  const totals: TermTotals = { attempts: 0, finished: 0 };

  for (const startAt of sessionTimes(calendar, profile.sessionsPerWeek, random)) {
    const day = calendar.dayOf(startAt);
    const due = assignments.find((a) => intends.has(a.id) && !settled.has(a.id) && a.created_at <= startAt.toISOString()
      && calendar.dayOf(new Date(a.due_at)) + LATE_DAYS > day);
    const firstSession = totals.attempts === 0 && library.tutorial !== null;
    const onAssignment = !firstSession && due !== undefined && random.chance(ON_ASSIGNMENT);
    const session: PlannedSession = {
      scenarioId: firstSession ? library.tutorial! : onAssignment ? due.scenario_id : random.pick(library.scenarios),
      mode: onAssignment ? due.mode : 'practice',
      assignmentId: onAssignment ? due.id : null,
      startAt,
      skill: skillOn(profile, day, TERM_DAYS),
      blindSpot: profile.blindSpot,
      leaveAfter: random.chance(profile.finishing) ? null : random.int(1, 6),
    };
    const attempt = await playSession(ctx, clock, auth, session, random);
    totals.attempts++;
    if (attempt.finished_at) totals.finished++;
    if (onAssignment && attempt.finished_at) {
      const tryAgain = due.mode === 'assessment' && attempt.passed === 0 && random.chance(RETRY_FAILED_ASSESSMENT);
      if (!tryAgain) settled.add(due.id);
    }
  }
  return totals;
}

/** Start times over the term in order, on days of their own, between 8:00 and 22:00. */
function sessionTimes(calendar: Calendar, perWeek: number, random: Random): Date[] {
  const times: Date[] = [];
  for (let week = 0; week < TERM_DAYS / 7; week++) {
    const count = Math.max(0, Math.round(perWeek + random.between(-1.2, 1.2)));
    const days = random.shuffled([0, 1, 2, 3, 4, 5, 6]).slice(0, count).sort((a, b) => a - b);
    for (const day of days) times.push(calendar.at(week * 7 + day, random.between(8, 21.5)));
  }
  return times;
}
