/**
 * The programme's overview on real databases: completion and overdue rates,
 * trainees' scores over time, weekly trends, marker recognition and
 * critical-flag incidents, each equal to what the engine says of the turns
 * played, and a date range that filters them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerEncounters, replay } from '../../src/engine/index.js';
import { weekOf } from '../../src/api/program.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';

const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);
const BEST = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];
const MISSED_RISK = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'heavy-nights', 'what-helps', 'easy-here-too', 'fair-ask'];
const DEFENSIVE = ['policy', 'name-it', 'double-down'];

describe('weeks', () => {
  it('start on Monday, in UTC', () => {
    expect(weekOf('2027-03-03T10:00:00Z')).toBe('2027-03-01');
    expect(weekOf('2027-03-07T23:59:59Z')).toBe('2027-03-01');
    expect(weekOf('2027-03-08T00:00:00Z')).toBe('2027-03-08');
  });
});

describe.each(DATABASES)('the programme overview on $name', (database) => {
  let server: TestServer;
  let admin: Caller;
  let cohortId: string;
  const attempts: Record<string, { id: string; choices: string[] }> = {};

  /** Plays `choices` to the end as `trainee`, started at `startedAt`. */
  async function play(trainee: Caller, choices: string[], startedAt: string, assignmentId: string | null = null, mode = 'practice'): Promise<string> {
    const id = randomUUID();
    expect((await trainee.post('/api/attempts', { id, scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode, assignmentId, startedAt })).statusCode).toBe(201);
    const beats = replay(maya.scenario, rubric, choices).turns.map((t) => t.beat);
    for (const [index, responseId] of choices.entries()) {
      const response = await trainee.post(`/api/attempts/${id}/turns`, { attemptId: id, index, beatId: beats[index], responseId, at: startedAt });
      expect(response.statusCode).toBe(201);
    }
    expect((await trainee.post(`/api/attempts/${id}/finish`, { at: startedAt })).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer(database);
    admin = await server.user('admin', `director-${database.name}`);
    const supervisor = await server.user('supervisor', `owner-${database.name}`);
    cohortId = (await supervisor.post('/api/cohorts', { name: 'Practicum A' })).json().cohort.id;
    const code = (await supervisor.post(`/api/cohorts/${cohortId}/invites`, {})).json().invite.code;
    const [ada, ben] = [await server.user('trainee', `ada-${database.name}`), await server.user('trainee', `ben-${database.name}`)];
    for (const trainee of [ada, ben]) await trainee.post(`/api/invites/${code}/join`, {});
    const assign = async (dueAt: string, mode = 'assessment') =>
      (await supervisor.post(`/api/cohorts/${cohortId}/assignments`, { scenarioId: maya.scenario.id, dueAt, mode })).json().assignment.id as string;
    const past = await assign('2026-10-24T17:00:00Z');
    await assign('2099-01-01T17:00:00Z');
    attempts.adaEarly = { id: await play(ada, DEFENSIVE, '2026-10-05T10:00:00Z'), choices: DEFENSIVE };
    attempts.adaLate = { id: await play(ada, BEST, '2026-10-19T10:00:00Z', past, 'assessment'), choices: BEST };
    attempts.ben = { id: await play(ben, MISSED_RISK, '2026-10-20T10:00:00Z'), choices: MISSED_RISK };
  });
  afterAll(async () => {
    await server?.close();
  });

  const overview = async (query: string) => {
    const response = await admin.get(`/api/program?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const scoresOf = (key: string) => replay(maya.scenario, rubric, attempts[key]!.choices).scores;

  it('counts each cohort\'s work due: done, overdue and not yet due, per trainee and assignment', async () => {
    const data = await overview('from=2026-09-01&to=2099-12-31');
    const cohort = data.cohorts.find((c: { id: string }) => c.id === cohortId);
    // Ada finished the past assignment; Ben did not (overdue); nobody has done the future one yet.
    expect(cohort).toMatchObject({ name: 'Practicum A', owner: `owner-${database.name}`, trainees: 2, assignments: 2, attemptsStarted: 3, attemptsFinished: 3, due: { done: 1, overdue: 1, open: 2 }, flaggedAttempts: 1 });
    const all = ['adaEarly', 'adaLate', 'ben'].map(scoresOf);
    expect(cohort.mean.trust).toBe(Math.round(all.reduce((n, s) => n + s.trust, 0) / 3));
  });

  it('gives each trainee\'s finished sessions in time order with the scores the engine derives', async () => {
    const data = await overview('from=2026-09-01&to=2026-12-31');
    const ada = data.trainees.find((t: { name: string }) => t.name === `ada-${database.name}`);
    expect(ada.cohortIds).toEqual([cohortId]);
    expect(ada.attempts.map((a: { attemptId: string }) => a.attemptId)).toEqual([attempts.adaEarly!.id, attempts.adaLate!.id]);
    expect(ada.attempts[1]).toMatchObject({ ...scoresOf('adaLate'), passed: true, mode: 'assessment' });
    expect(data.trends.map((t: { week: string }) => t.week)).toEqual(['2026-10-05', '2026-10-19']);
    expect(data.trends[1].attempts).toBe(2);
  });

  it('counts marker recognition per cohort exactly as the engine judges each turn', async () => {
    const data = await overview('from=2026-09-01&to=2026-12-31');
    const expected = new Map<string, { met: number; engaged: number }>();
    for (const { choices } of Object.values(attempts)) {
      for (const e of markerEncounters(maya.scenario, rubric, replay(maya.scenario, rubric, choices))) {
        const sum = expected.get(e.marker) ?? { met: 0, engaged: 0 };
        expected.set(e.marker, { met: sum.met + 1, engaged: sum.engaged + Number(e.engaged) });
      }
    }
    const got = new Map(data.recognition.filter((r: { cohortId: string }) => r.cohortId === cohortId)
      .map((r: { marker: string; met: number; engaged: number }) => [r.marker, { met: r.met, engaged: r.engaged }]));
    expect(got).toEqual(expected);
    // The defensive opening is a marker met and missed.
    expect([...expected.values()].some((v) => v.engaged < v.met)).toBe(true);
  });

  it('lists critical-flag incidents, and the date range leaves out what started outside it', async () => {
    const all = await overview('from=2026-09-01&to=2026-12-31');
    expect(all.incidents).toEqual([expect.objectContaining({ attemptId: attempts.ben!.id, trainee: `ben-${database.name}`, flags: ['risk_not_assessed'], signedOff: false })]);
    const october5th = await overview('from=2026-10-05&to=2026-10-05');
    expect(october5th.trainees.flatMap((t: { attempts: { attemptId: string }[] }) => t.attempts.map((a) => a.attemptId))).toEqual([attempts.adaEarly!.id]);
    expect(october5th.incidents).toEqual([]);
    expect(october5th.range).toEqual({ from: '2026-10-05T00:00:00.000Z', to: '2026-10-06T00:00:00.000Z' });
  });

  it('is for admins only, and refuses a bad range with a code and a message', async () => {
    const supervisor = await server.user('supervisor');
    expect((await supervisor.get('/api/program')).json().code).toBe('SB_API_FORBIDDEN');
    expect((await server.anonymous().get('/api/program')).statusCode).toBe(401);
    for (const query of ['from=2027-03-01&to=2027-02-01', 'from=yesterday', 'cohort=x']) {
      const response = await admin.get(`/api/program?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ code: 'SB_API_INVALID', message: expect.stringMatching(/^query/) });
    }
  });
});
