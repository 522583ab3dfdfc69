/**
 * `securebase demo` as a newcomer runs it: a real process on a fresh database
 * (SQLite always, PostgreSQL when TEST_DATABASE_URL is set). What it stores
 * must be what the server would have derived: every score is checked against
 * the engine's replay of the stored turns, and the pages a supervisor opens
 * first (the board, a review) are read through the API.
 */
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeAttempt, replay } from '../../src/engine/index.js';
import type { Thresholds } from '../../src/engine/index.js';
import { buildApp } from '../../src/server/app.js';
import type { ServerContext } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/database.js';
import type { Database } from '../../src/server/db/database.js';
import type { AttemptsTable } from '../../src/server/db/tables.js';
import { DEFAULT_SEED, DEMO_PASSWORD, rosterFor } from '../../src/server/demo/fill.js';
import { contentOf } from '../../src/server/attempts.js';
import { Caller, DATABASES, SCENARIOS, dropCreatedDatabases } from '../server/harness.js';
import type { DatabaseUnderTest } from '../server/harness.js';
import { securebaseRun } from '../support/cli.js';
import type { Run } from '../support/cli.js';

const DAY_MS = 86_400_000;
const roster = rosterFor(DEFAULT_SEED);

/** The demo's contents without ids and times: what the seed alone decides. */
async function contents(db: Database['db']) {
  const rows = await db.selectFrom('attempts').innerJoin('users', 'users.id', 'attempts.user_id')
    .select(['users.email', 'attempts.scenario_id', 'attempts.mode', 'attempts.turn_count', 'attempts.trust', 'attempts.safety', 'attempts.repair', 'attempts.flags', 'attempts.passed'])
    .orderBy('users.email').orderBy('attempts.started_at').execute();
  return rows;
}

describe.each(DATABASES)('securebase demo on $name', (underTest: DatabaseUnderTest) => {
  let url: string;
  let run: Run;
  let database: Database;
  let ctx: ServerContext;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let attempts: AttemptsTable[];

  beforeAll(async () => {
    url = await underTest.url();
    run = await securebaseRun(['demo'], { env: { DATABASE_URL: url } });
    database = await openDatabase(url);
    ({ app, ctx } = await buildApp({ database, scenarios: SCENARIOS }));
    attempts = await ctx.db.selectFrom('attempts').selectAll().execute();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await dropCreatedDatabases();
  });

  it('exits 0 and prints the accounts, the shared password, the counts and how to start the server', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`password is ${DEMO_PASSWORD}`);
    expect(run.stdout).toMatch(/admin\s+director@demo\.securebase\.example/);
    expect(run.stdout.match(/^\s+supervisor\s+\S+@demo\.securebase\.example/gm)).toHaveLength(2);
    expect(run.stdout.match(/^\s+trainee\s+\S+@demo\.securebase\.example/gm)?.length).toBeGreaterThanOrEqual(1);
    expect(run.stdout).toMatch(/1 admin, 2 supervisors, 40 trainees in 4 cohorts/);
    expect(run.stdout).toMatch(new RegExp(`${attempts.length} attempts .* and \\d+ turns`));
    expect(run.stdout).toContain('npm start');
  });

  it('stores a director, two supervisors with two cohorts each, and forty trainees in cohorts of ten', async () => {
    const users = await ctx.db.selectFrom('users').select(['id', 'role', 'email']).execute();
    const count = (role: string) => users.filter((u) => u.role === role).length;
    expect([count('admin'), count('supervisor'), count('trainee')]).toEqual([1, 2, 40]);
    expect(users.every((u) => u.email.endsWith('@demo.securebase.example'))).toBe(true);
    const cohorts = await ctx.db.selectFrom('cohorts').select(['id', 'owner_id']).execute();
    expect(cohorts).toHaveLength(4);
    expect(new Set(cohorts.map((c) => c.owner_id)).size).toBe(2);
    for (const cohort of cohorts) {
      const members = await ctx.db.selectFrom('memberships').select('user_id').where('cohort_id', '=', cohort.id).execute();
      expect(members).toHaveLength(10);
    }
  });

  it('spreads attempts by every trainee over the last twelve weeks, some left unfinished', () => {
    const starts = attempts.map((a) => Date.parse(a.started_at));
    const now = Date.now();
    expect(Math.max(...starts)).toBeLessThan(now);
    expect(now - Math.min(...starts)).toBeGreaterThan(11 * 7 * DAY_MS);
    expect(now - Math.min(...starts)).toBeLessThan(12 * 7 * DAY_MS + 2 * DAY_MS);
    expect(now - Math.max(...starts)).toBeLessThan(3 * DAY_MS);
    expect(new Set(attempts.map((a) => a.user_id)).size).toBe(40);
    expect(attempts.length).toBeGreaterThan(400);
    const unfinished = attempts.filter((a) => a.finished_at === null);
    expect(unfinished.length).toBeGreaterThan(20);
    expect(unfinished.every((a) => a.ending === null)).toBe(true);
    expect(new Set(attempts.map((a) => a.mode))).toEqual(new Set(['practice', 'assessment']));
  });

  it("stores, for every attempt and turn, exactly the scores the engine's replay of its stored turns gives", async () => {
    const thresholds = new Map((await ctx.db.selectFrom('assignments').select(['id', 'thresholds']).execute()).map((a) => [a.id, JSON.parse(a.thresholds) as Thresholds]));
    const turns = await ctx.db.selectFrom('turns').selectAll().orderBy('attempt_id').orderBy('idx').execute();
    const byAttempt = new Map<string, typeof turns>();
    for (const turn of turns) byAttempt.set(turn.attempt_id, [...(byAttempt.get(turn.attempt_id) ?? []), turn]);
    let checked = 0;
    for (const attempt of attempts) {
      const stored = byAttempt.get(attempt.id) ?? [];
      const { scenario, rubric } = await contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash);
      const result = replay(scenario, rubric, stored.map((t) => t.response_id));
      expect({ ...pick(attempt), flags: JSON.parse(attempt.flags) as string[] }).toEqual({
        turn_count: result.turns.length, trust: result.scores.trust, safety: result.scores.safety, repair: result.scores.repair,
        ending: result.ending, outcome: result.outcome, flags: result.flags.map((f) => f.flag),
        passed: result.ending === null ? null : Number(judgeAttempt(result, thresholds.get(attempt.assignment_id ?? '')).passed),
      });
      expect(stored.map((t) => [t.beat_id, t.rating, t.trust, t.safety])).toEqual(result.turns.map((t) => [t.beat, t.rating, t.trust, t.safety]));
      checked++;
    }
    expect(checked).toBe(attempts.length);
  });

  it('gives each skill profile its own story: strong beats struggling, the improving grow, the risk-blind are flagged', async () => {
    const users = await ctx.db.selectFrom('users').select(['id', 'email']).execute();
    const finishedBy = (email: string) => {
      const id = users.find((u) => u.email === email)!.id;
      return attempts.filter((a) => a.user_id === id && a.finished_at !== null && a.scenario_id !== 'tutorial-first-session')
        .sort((a, b) => a.started_at.localeCompare(b.started_at));
    };
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const meanTrust = (label: string) => mean(roster.filter((t) => t.profile.label === label).flatMap((t) => finishedBy(t.email).map((a) => a.trust)));
    expect(meanTrust('strong throughout') - meanTrust('struggling')).toBeGreaterThan(35);
    expect(meanTrust('solid')).toBeGreaterThan(meanTrust('steady, middling'));

    for (const trainee of roster.filter((t) => t.profile.label === 'improving fast')) {
      const played = finishedBy(trainee.email);
      const third = Math.floor(played.length / 3);
      expect(mean(played.slice(-third).map((a) => a.trust)), trainee.name).toBeGreaterThan(mean(played.slice(0, third).map((a) => a.trust)));
    }

    const riskScenarios = new Set([...ctx.content.current.values()].filter((c) => Object.values(c.scenario.beats).some((b) => b.risk)).map((c) => c.scenario.id));
    const missedRisk = (label: string) => {
      const played = roster.filter((t) => t.profile.label === label).flatMap((t) => finishedBy(t.email)).filter((a) => riskScenarios.has(a.scenario_id));
      return played.filter((a) => a.flags.includes('risk_not_assessed')).length / played.length;
    };
    expect(missedRisk('keeps missing risk cues')).toBeGreaterThan(0.8);
    expect(missedRisk('strong throughout')).toBeLessThan(0.1);
  });

  it('shows a supervisor overdue work and critical flags on the board, and comments and sign-offs in reviews', async () => {
    await app.ready();
    const supervisor = new Caller(app, null);
    expect((await supervisor.signIn('miriam.okonkwo@demo.securebase.example', DEMO_PASSWORD)).statusCode).toBe(200);
    const { cohorts } = (await supervisor.get('/api/cohorts')).json() as { cohorts: { id: string; name: string }[] };
    expect(cohorts.map((c) => c.name)).toEqual(['2027 intake, Practicum A', '2027 intake, Practicum B']);
    let overdue = 0;
    let flagged = 0;
    let future = 0;
    for (const cohort of cohorts) {
      const board = (await supervisor.get(`/api/cohorts/${cohort.id}/board`)).json() as { overdue: number; flagged: unknown[]; assignments: { dueAt: string }[] };
      overdue += board.overdue;
      flagged += board.flagged.length;
      future += board.assignments.filter((a) => Date.parse(a.dueAt) > Date.now()).length;
    }
    expect(overdue).toBeGreaterThan(0);
    expect(flagged).toBeGreaterThan(0);
    expect(future).toBeGreaterThan(0);

    const miriam = await ctx.db.selectFrom('users').select('id').where('email', '=', 'miriam.okonkwo@demo.securebase.example').executeTakeFirstOrThrow();
    const commented = await ctx.db.selectFrom('comments').innerJoin('attempts', 'attempts.id', 'comments.attempt_id')
      .innerJoin('memberships', 'memberships.user_id', 'attempts.user_id').innerJoin('cohorts', 'cohorts.id', 'memberships.cohort_id')
      .select('attempts.id').where('cohorts.owner_id', '=', miriam.id).where('attempts.signed_off_at', 'is not', null)
      .where('comments.turn_index', 'is not', null).executeTakeFirstOrThrow();
    const review = (await supervisor.get(`/api/attempts/${commented.id}/review`)).json() as { comments: { turnIndex: number | null; author: string }[]; signOff: { by: string } | null };
    expect(review.comments.length).toBeGreaterThan(0);
    expect(review.comments[0]!.author).toBe('Dr Miriam Okonkwo');
    expect(review.signOff?.by).toBe('Dr Miriam Okonkwo');

    const director = new Caller(app, null);
    expect((await director.signIn('director@demo.securebase.example', DEMO_PASSWORD)).statusCode).toBe(200);
    expect(((await director.get('/api/cohorts')).json() as { cohorts: unknown[] }).cohorts).toHaveLength(4);
  });

  it('refuses to fill a database that already has accounts, and leaves it as it was', async () => {
    const again = await securebaseRun(['demo'], { env: { DATABASE_URL: url } });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^securebase: SB_CLI_DATABASE: .* already has 43 accounts; the demo fills only an empty database\. To try it, point DATABASE_URL at a new database/);
    expect(again.stdout).toBe('');
    expect((await ctx.db.selectFrom('attempts').select('id').execute()).length).toBe(attempts.length);
  });

  if (underTest.name === 'postgres') {
    it('with --force still refuses a PostgreSQL database: a demo there needs a new database', async () => {
      const forced = await securebaseRun(['demo', '--force'], { env: { DATABASE_URL: url } });
      expect(forced.status).toBe(1);
      expect(forced.stderr).toContain('--force replaces a demo only in a SQLite file');
    });
  }

  if (underTest.name === 'sqlite') {
    it('with --force replaces an earlier demo with the same contents, but never a database with accounts of its own', async () => {
      const before = await contents(ctx.db);
      const copy = url.replace(/test\.db$/, 'copy.db');
      copyFileSync(url.replace(/^sqlite:/, ''), copy.replace(/^sqlite:/, ''));
      const forced = await securebaseRun(['demo', '--force'], { env: { DATABASE_URL: copy } });
      expect(forced.stderr).toBe('');
      expect(forced.status).toBe(0);
      const replaced = await openDatabase(copy);
      try {
        expect(await contents(replaced.db)).toEqual(before);
        await replaced.db.insertInto('users').values({ id: crypto.randomUUID(), email: 'real@clinic.example', name: 'Real', role: 'admin', password_hash: 'x', created_at: new Date().toISOString() }).execute();
      } finally {
        await replaced.close();
      }
      const refused = await securebaseRun(['demo', '--force'], { env: { DATABASE_URL: copy } });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('not all from a demo (real@clinic.example); --force replaces only an earlier demo');
    }, 120_000);
  }
});

function pick(attempt: AttemptsTable) {
  const { turn_count, trust, safety, repair, ending, outcome, passed } = attempt;
  return { turn_count, trust, safety, repair, ending, outcome, passed };
}
