/**
 * Attempts stored under an older scoring version are re-derived from their
 * choices when the server starts: the attempt's figures and every turn's equal
 * a fresh replay under the engine's rules, judged by the attempt's own pass
 * marks; an attempt that no longer replays is kept and the server starts; a
 * rubric stored before version 2 takes the fields it lacks from the current
 * one; and two server processes starting at once on one database re-derive
 * each attempt once. Every test first makes the stored figures stale, so each
 * fails without the re-derivation.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DEFAULT_THRESHOLDS, ENGINE_SCORING_VERSION, RubricSchema, canonicalJson, contentHash, judgeAttempt, markerEncounterAt, replay } from '../../src/engine/index.js';
import type { Rubric, Scenario, Thresholds } from '../../src/engine/index.js';
import { openDatabase } from '../../src/server/db/database.js';
import type { Tables } from '../../src/server/db/tables.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, ROOT, dropCreatedDatabases, startTestServer } from './harness.js';
import { MAYA_BEST, MAYA_RISK_MISSED, cohortOf, play } from './play.js';

const { rubric } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric).scenario;
const OLD = ENGINE_SCORING_VERSION - 1;
/** Pass marks no attempt meets, so a verdict by the defaults would differ. */
const STRICT: Thresholds = { trust: 100, safety: 100, repair: 100, failingOutcomes: [] };
/** Misses the risk cue and plays on to an ending: a critical flag on a finished attempt. */
const RISK_MISSED_ENDED = [...MAYA_RISK_MISSED, 'easy-here-too', 'fair-ask'];

/** What the engine derives from these choices now: the attempt's columns and each turn's, as the server stores them. */
function fresh(choices: readonly string[], thresholds: Thresholds = DEFAULT_THRESHOLDS, scenario: Scenario = maya, rules: Rubric = rubric) {
  const result = replay(scenario, rules, choices);
  return {
    attempt: {
      scoring_version: ENGINE_SCORING_VERSION, turn_count: result.turns.length, trust: result.scores.trust, safety: result.scores.safety,
      repair: result.scores.repair, ending: result.ending, outcome: result.outcome, flags: JSON.stringify(result.flags.map((f) => f.flag)),
      passed: result.ending === null ? null : Number(judgeAttempt(result, thresholds).passed),
    },
    turns: result.turns.map((turn) => {
      const encounter = markerEncounterAt(scenario, rules, result, turn.index);
      return { rating: turn.rating, trust: turn.trust, safety: turn.safety, marker: encounter?.marker ?? null, engaged: encounter ? Number(encounter.engaged) : null };
    }),
  };
}

/** What the database holds for an attempt, in the shape `fresh` gives. */
async function stored(db: Kysely<Tables>, id: string) {
  const attempt = await db.selectFrom('attempts')
    .select(['scoring_version', 'turn_count', 'trust', 'safety', 'repair', 'ending', 'outcome', 'flags', 'passed'])
    .where('id', '=', id).executeTakeFirstOrThrow();
  const turns = await db.selectFrom('turns').select(['rating', 'trust', 'safety', 'marker', 'engaged']).where('attempt_id', '=', id).orderBy('idx').execute();
  return { attempt, turns };
}

/** Marks attempts as derived under the previous scoring version, with figures no replay gives. */
async function makeStale(db: Kysely<Tables>, ids: readonly string[]): Promise<void> {
  await db.updateTable('attempts').set({ scoring_version: OLD, trust: 1, safety: 1, repair: 1, flags: '["stale"]', passed: 1 }).where('id', 'in', ids).execute();
  await db.updateTable('turns').set({ rating: 0, trust: 0, safety: 0, marker: null, engaged: null }).where('attempt_id', 'in', ids).execute();
}

/** Runs `change` on the database while no server has it open. */
async function offline(url: string, change: (db: Kysely<Tables>) => Promise<void>): Promise<void> {
  const database = await openDatabase(url);
  try {
    await change(database.db);
  } finally {
    await database.close();
  }
}

describe.each(DATABASES)('re-deriving stored attempts on $name', (database) => {
  it('re-derives every attempt under an older scoring version when the server starts, judged by its own pass marks', async () => {
    const url = await database.url();
    const first = await startTestServer(database, { url });
    const supervisor = await first.user('supervisor');
    const trainee = await first.user('trainee');
    const cohort = await cohortOf(supervisor, 'Rederive', [trainee]);
    const assigned = await supervisor.post(`/api/cohorts/${cohort}/assignments`, { scenarioId: maya.id, dueAt: new Date(Date.now() + 86_400_000).toISOString(), mode: 'assessment', thresholds: STRICT });
    expect(assigned.statusCode).toBe(201);
    const attempts = [
      { choices: MAYA_BEST, thresholds: STRICT, id: await play(trainee, MAYA_BEST, { mode: 'assessment', assignmentId: assigned.json().assignment.id, finish: true }) },
      { choices: RISK_MISSED_ENDED, thresholds: DEFAULT_THRESHOLDS, id: await play(trainee, RISK_MISSED_ENDED, { finish: true }) },
      { choices: MAYA_BEST.slice(0, 3), thresholds: DEFAULT_THRESHOLDS, id: await play(trainee, MAYA_BEST.slice(0, 3)) },
    ];
    await first.close(true);
    await offline(url, (db) => makeStale(db, attempts.map((a) => a.id)));

    const said: string[] = [];
    const second = await startTestServer(database, { url, say: (line) => said.push(line) });
    try {
      for (const { id, choices, thresholds } of attempts) expect(await stored(second.ctx.db, id), id).toEqual(fresh(choices, thresholds));
      // The strict assignment fails the best play, whatever the defaults would say.
      expect((await stored(second.ctx.db, attempts[0]!.id)).attempt.passed).toBe(0);
      expect(said).toEqual([`Scoring version ${ENGINE_SCORING_VERSION}: re-derived 3 stored attempts from their choices.`]);
      const again = await second.user('trainee', 'trainee-2');
      const { attempt } = (await again.get(`/api/attempts/${attempts[1]!.id}`)).json();
      expect(attempt.scoringVersion).toBe(ENGINE_SCORING_VERSION);
      expect(attempt.scores).toEqual(replay(maya, rubric, RISK_MISSED_ENDED).scores);
      expect(attempt.flags).toEqual(['risk_not_assessed']);
    } finally {
      await second.close(true);
    }
    // Nothing is left to do at the next start, so nothing is said.
    const quiet: string[] = [];
    const third = await startTestServer(database, { url, say: (line) => quiet.push(line) });
    await third.close();
    expect(quiet).toEqual([]);
  });

  it('keeps an attempt whose choices no longer replay, with its figures and version, and starts', async () => {
    const url = await database.url();
    const first = await startTestServer(database, { url });
    const trainee = await first.user('trainee');
    const good = await play(trainee, MAYA_BEST.slice(0, 4));
    const broken = await play(trainee, MAYA_BEST.slice(0, 4));
    await first.close(true);
    let before: Awaited<ReturnType<typeof stored>> | undefined;
    await offline(url, async (db) => {
      await makeStale(db, [good, broken]);
      await db.updateTable('turns').set({ response_id: 'no-longer-offered' }).where('attempt_id', '=', broken).where('idx', '=', 2).execute();
      before = await stored(db, broken);
    });

    const said: string[] = [];
    const second = await startTestServer(database, { url, say: (line) => said.push(line) });
    try {
      expect(await stored(second.ctx.db, broken)).toEqual(before);
      expect(before!.attempt.scoring_version).toBe(OLD);
      expect(await stored(second.ctx.db, good)).toEqual(fresh(MAYA_BEST.slice(0, 4)));
      expect(said).toHaveLength(2);
      expect(said[0]).toMatch(new RegExp(`^Attempt ${broken} cannot be replayed .*: turn 2, beat "[a-z-]+": response "no-longer-offered" is not offered here`));
      expect(said[1]).toBe(`Scoring version ${ENGINE_SCORING_VERSION}: re-derived 1 stored attempt from their choices, 1 kept as it was (not replayable).`);
      // The server answers for it as stored.
      const again = await second.user('trainee', 'trainee-1');
      expect((await again.get(`/api/attempts/${broken}`)).json().attempt.scoringVersion).toBe(OLD);
    } finally {
      await second.close();
    }
  });

  it('replays an attempt on a rubric stored before version 2, taking only the fields it lacks from the current rubric', async () => {
    // The old rubric: no turn_cap, and its own numbers (every move's base trust 0), so a replay on the current rubric would differ.
    const { turn_cap: _cap, ...current } = rubric as Rubric & { turn_cap?: unknown };
    const older = { ...current, moves: Object.fromEntries(Object.entries(rubric.moves).map(([id, move]) => [id, { ...move, trust: 0 }])) };
    expect(RubricSchema.safeParse(older).success).toBe(false);
    const olderHash = contentHash(older);
    const filled = RubricSchema.parse({ ...older, turn_cap: (rubric as Rubric & { turn_cap?: unknown }).turn_cap });
    const expected = fresh(MAYA_BEST, DEFAULT_THRESHOLDS, maya, filled);
    expect(expected.attempt.trust).not.toBe(fresh(MAYA_BEST).attempt.trust);

    const url = await database.url();
    const first = await startTestServer(database, { url });
    const trainee = await first.user('trainee');
    const id = await play(trainee, MAYA_BEST, { finish: true });
    await first.close(true);
    await offline(url, async (db) => {
      await db.insertInto('content_versions').values({ hash: olderHash, kind: 'rubric', scenario_id: null, document: canonicalJson(older), first_seen_at: new Date(0).toISOString() }).execute();
      await db.updateTable('attempts').set({ rubric_hash: olderHash }).where('id', '=', id).execute();
      await makeStale(db, [id]);
    });

    const second = await startTestServer(database, { url, say: () => undefined });
    try {
      expect(await stored(second.ctx.db, id)).toEqual(expected);
      // The stored document is left as it was, and the attempt still names it.
      const row = await second.ctx.db.selectFrom('content_versions').select('document').where('hash', '=', olderHash).executeTakeFirstOrThrow();
      expect(row.document).toBe(canonicalJson(older));
      const again = await second.user('trainee', 'trainee-1');
      const review = await again.get(`/api/attempts/${id}/review`);
      expect(review.statusCode).toBe(200);
      expect(review.json().attempt).toMatchObject({ rubricHash: olderHash, scores: { trust: expected.attempt.trust } });
    } finally {
      await second.close();
    }
  });

  it('two server processes starting at once on one database re-derive each attempt once', async () => {
    const url = await database.url();
    const first = await startTestServer(database, { url });
    const trainee = await first.user('trainee');
    const played = [
      { choices: MAYA_BEST, id: await play(trainee, MAYA_BEST, { finish: true }) },
      { choices: RISK_MISSED_ENDED, id: await play(trainee, RISK_MISSED_ENDED, { finish: true }) },
    ];
    await first.close(true);
    // Thirty copies of each, all stale.
    const copies: { choices: readonly string[]; id: string }[] = [];
    await offline(url, async (db) => {
      for (const source of played) {
        const attempt = await db.selectFrom('attempts').selectAll().where('id', '=', source.id).executeTakeFirstOrThrow();
        const turns = await db.selectFrom('turns').selectAll().where('attempt_id', '=', source.id).execute();
        for (let n = 0; n < 30; n++) {
          const id = randomUUID();
          await db.insertInto('attempts').values({ ...attempt, id }).execute();
          await db.insertInto('turns').values(turns.map((turn) => ({ ...turn, attempt_id: id }))).execute();
          copies.push({ choices: source.choices, id });
        }
      }
      await makeStale(db, [...played, ...copies].map((a) => a.id));
    });
    const all = [...played, ...copies];

    const servers = await Promise.all([launch(url), launch(url)]);
    try {
      const counts = servers.map(({ said }) => {
        const summary = said.find((line) => line.startsWith('Scoring version'));
        return {
          rederived: Number(/re-derived (\d+)/.exec(summary ?? '')?.[1] ?? 0),
          elsewhere: Number(/(\d+) done by another server/.exec(summary ?? '')?.[1] ?? 0),
          kept: said.filter((line) => line.startsWith('Attempt ')).length,
        };
      });
      // Each attempt was re-derived by exactly one of them; neither failed on one.
      expect(counts[0]!.rederived + counts[1]!.rederived).toBe(all.length);
      expect(counts.map((c) => c.kept)).toEqual([0, 0]);
      for (const c of counts) expect(c.rederived + c.elsewhere).toBeLessThanOrEqual(all.length);
      await offline(url, async (db) => {
        for (const { id, choices } of all) expect(await stored(db, id), id).toEqual(fresh(choices));
      });
    } finally {
      await Promise.all(servers.map(stop));
      await dropCreatedDatabases();
    }
  }, 120_000);
});

interface Launched { readonly child: ChildProcess; readonly said: readonly string[] }

/** The server in a process of its own on `databaseUrl`; resolves once it listens, with what it printed before. */
async function launch(databaseUrl: string): Promise<Launched> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'server', 'serverProcess.ts')], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const said: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    if (/^listening \S+/.test(line)) return { child, said };
    said.push(line);
  }
  throw new Error(`the server process ended before it listened:\n${said.join('\n')}`);
}

async function stop({ child }: Launched): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
