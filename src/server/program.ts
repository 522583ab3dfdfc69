/**
 * The programme's view across cohorts, for a date range: completion and overdue
 * rates, each trainee's scores over time, weekly cohort trends, which rupture
 * markers trainees recognise, and critical-flag incidents. Everything is read
 * from what the server derived at each turn, so no attempt is replayed here.
 */
import type { Kysely } from 'kysely';
import { weekOf } from '../api/program.js';
import type { CohortSummary, Incident, ProgramOverview, ProgramRange, ProgramScores, TraineeProgress, WeeklyTrend } from '../api/program.js';
import type { Tables } from './db/tables.js';

function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? Math.round(present.reduce((a, b) => a + b, 0) / present.length) : null;
}

const scoresOf = (rows: readonly { trust: number; safety: number; repair: number | null }[]): ProgramScores => ({
  trust: meanOf(rows.map((r) => r.trust)), safety: meanOf(rows.map((r) => r.safety)), repair: meanOf(rows.map((r) => r.repair)),
});

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export async function programOverview(db: Kysely<Tables>, range: ProgramRange, now: string): Promise<ProgramOverview> {
  const [cohorts, members, attempts, assignments, recognition] = await Promise.all([
    db.selectFrom('cohorts').innerJoin('users', 'users.id', 'cohorts.owner_id')
      .select(['cohorts.id', 'cohorts.name', 'users.name as owner']).orderBy('cohorts.name').execute(),
    db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.cohort_id as cohortId', 'users.id', 'users.name']).orderBy('users.name').execute(),
    db.selectFrom('attempts').innerJoin('users', 'users.id', 'attempts.user_id')
      .select(['attempts.id', 'attempts.user_id', 'users.name as userName', 'attempts.scenario_id', 'attempts.mode', 'attempts.assignment_id', 'attempts.started_at',
        'attempts.finished_at', 'attempts.trust', 'attempts.safety', 'attempts.repair', 'attempts.flags', 'attempts.passed', 'attempts.signed_off_at'])
      .where('attempts.started_at', '>=', range.from).where('attempts.started_at', '<', range.to).orderBy('attempts.started_at').execute(),
    db.selectFrom('assignments').select(['id', 'cohort_id', 'due_at'])
      .where('due_at', '>=', range.from).where('due_at', '<', range.to).execute(),
    db.selectFrom('turns')
      .innerJoin('attempts', 'attempts.id', 'turns.attempt_id')
      .innerJoin('memberships', 'memberships.user_id', 'attempts.user_id')
      .select((eb) => ['memberships.cohort_id as cohortId', 'turns.marker', eb.fn.countAll<number>().as('met'), eb.fn.sum<number>('turns.engaged').as('engaged')])
      .where('turns.marker', 'is not', null)
      .where('attempts.started_at', '>=', range.from).where('attempts.started_at', '<', range.to)
      .groupBy(['memberships.cohort_id', 'turns.marker']).execute(),
  ]);

  const cohortsOf = groupBy(members, (m) => m.id);
  const membersOf = groupBy(members, (m) => m.cohortId);
  const attemptsOf = groupBy(attempts, (a) => a.user_id);
  const finished = attempts.filter((a) => a.finished_at !== null);
  const flagsOf = (a: { flags: string }) => JSON.parse(a.flags) as string[];
  const doneAssignments = new Set(finished.filter((a) => a.assignment_id).map((a) => `${a.user_id}/${a.assignment_id}`));

  const cohortSummaries = cohorts.map((cohort): CohortSummary => {
    const trainees = membersOf.get(cohort.id) ?? [];
    const theirs = trainees.flatMap((t) => attemptsOf.get(t.id) ?? []);
    const theirsFinished = theirs.filter((a) => a.finished_at !== null);
    const due = { done: 0, overdue: 0, open: 0 };
    for (const assignment of assignments.filter((a) => a.cohort_id === cohort.id)) {
      for (const trainee of trainees) {
        if (doneAssignments.has(`${trainee.id}/${assignment.id}`)) due.done++;
        else if (assignment.due_at < now) due.overdue++;
        else due.open++;
      }
    }
    return {
      id: cohort.id, name: cohort.name, owner: cohort.owner, trainees: trainees.length,
      assignments: assignments.filter((a) => a.cohort_id === cohort.id).length,
      attemptsStarted: theirs.length, attemptsFinished: theirsFinished.length, due,
      mean: scoresOf(theirsFinished), flaggedAttempts: theirs.filter((a) => flagsOf(a).length > 0).length,
    };
  });

  const trainees = [...cohortsOf.entries()].map(([id, memberships]): TraineeProgress => ({
    id, name: memberships[0]!.name, cohortIds: memberships.map((m) => m.cohortId),
    started: attemptsOf.get(id)?.length ?? 0,
    attempts: (attemptsOf.get(id) ?? []).filter((a) => a.finished_at !== null)
      .sort((a, b) => a.finished_at!.localeCompare(b.finished_at!))
      .map((a) => ({
        attemptId: a.id, at: a.finished_at!, scenarioId: a.scenario_id, mode: a.mode,
        trust: a.trust, safety: a.safety, repair: a.repair, passed: a.passed === null ? null : a.passed === 1, flags: flagsOf(a),
      })),
  })).sort((a, b) => a.name.localeCompare(b.name));

  const trends: WeeklyTrend[] = [];
  for (const cohort of cohorts) {
    const ids = new Set((membersOf.get(cohort.id) ?? []).map((m) => m.id));
    const weeks = groupBy(finished.filter((a) => ids.has(a.user_id)), (a) => weekOf(a.finished_at!));
    for (const [week, rows] of [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      trends.push({ cohortId: cohort.id, week, attempts: rows.length, mean: scoresOf(rows) });
    }
  }

  const incidents = attempts.filter((a) => flagsOf(a).length > 0).reverse().map((a): Incident => ({
    attemptId: a.id, traineeId: a.user_id, trainee: a.userName,
    cohortIds: (cohortsOf.get(a.user_id) ?? []).map((m) => m.cohortId), scenarioId: a.scenario_id,
    flags: flagsOf(a), at: a.finished_at ?? a.started_at, signedOff: a.signed_off_at !== null,
  }));

  return {
    range,
    cohorts: cohortSummaries,
    trainees,
    trends,
    recognition: recognition.map((r) => ({ cohortId: r.cohortId, marker: r.marker!, met: Number(r.met), engaged: Number(r.engaged ?? 0) })),
    incidents,
  };
}
