/**
 * The HTTP API on real databases: signing in, forgery and rate limits,
 * cohorts and assignments, and attempts whose scores the server derives by
 * replaying the trainee's choices through the engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, judgeAttempt, replay, shownOrder, vocabulary } from '../../src/engine/index.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, PASSWORD, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';

const MAYA_BEST = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];
const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);
const mayaReplay = replay(maya.scenario, rubric, MAYA_BEST);

describe.each(DATABASES)('the API on $name', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
  });

  const start = (caller: Caller, extra: Record<string, unknown> = {}) => caller.post('/api/attempts', {
    id: randomUUID(), scenarioId: 'maya-after-cancellation', scenarioHash: maya.hash, rubricHash, mode: 'practice', startedAt: new Date().toISOString(), ...extra,
  });
  const turn = (caller: Caller, attemptId: string, index: number, responseId = MAYA_BEST[index]!, beatId = mayaReplay.turns[index]!.beat) =>
    caller.post(`/api/attempts/${attemptId}/turns`, { attemptId, index, beatId, responseId, at: new Date().toISOString() });

  describe('signing in', () => {
    it('sets an httpOnly, SameSite session cookie and tells the page who is signed in', async () => {
      const trainee = await server.user('trainee', `signin-${database.name}`);
      const me = (await trainee.get('/api/session')).json();
      expect(me.user).toMatchObject({ role: 'trainee', email: `signin-${database.name}@example.org` });
      expect(me.csrfToken).toBe(trainee.csrf);
      const fresh = server.anonymous();
      const response = await fresh.signIn(`signin-${database.name}@example.org`, PASSWORD);
      expect(String(response.headers['set-cookie'])).toMatch(/sb_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('refuses a wrong password with a code, and then rate-limits the email', async () => {
      const email = `limited-${database.name}@example.org`;
      await server.user('trainee', `limited-${database.name}`);
      const guest = server.anonymous();
      for (let i = 0; i < 5; i++) {
        const wrong = await guest.signIn(email, 'not the password');
        expect(wrong.statusCode).toBe(401);
        expect(wrong.json()).toEqual({ code: 'SB_API_BAD_CREDENTIALS', message: expect.any(String) });
      }
      const limited = await guest.signIn(email, PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('SB_API_RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('signs out: the cookie stops working', async () => {
      const trainee = await server.user('trainee');
      expect((await trainee.delete('/api/session')).statusCode).toBe(204);
      expect((await trainee.get('/api/session')).json().user).toBeNull();
      expect((await trainee.get('/api/attempts')).json().code).toBe('SB_API_UNAUTHENTICATED');
    });
  });

  describe('forgery', () => {
    it('refuses a state-changing request without the anti-forgery token, or from another origin', async () => {
      const supervisor = await server.user('supervisor');
      const noToken = await supervisor.request('POST', '/api/cohorts', { name: 'A' }, { 'x-csrf-token': '' });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().code).toBe('SB_API_CSRF');
      const foreign = await supervisor.request('POST', '/api/cohorts', { name: 'A' }, { origin: 'https://elsewhere.example' });
      expect(foreign.json().code).toBe('SB_API_CSRF');
      expect((await supervisor.post('/api/cohorts', { name: 'A' })).statusCode).toBe(201);
    });
  });

  describe('cohorts, invites and assignments', () => {
    it('a supervisor invites a trainee, who joins and sees the assignment with its due date', async () => {
      const supervisor = await server.user('supervisor');
      const cohort = (await supervisor.post('/api/cohorts', { name: 'MSc year 1' })).json().cohort;
      const invite = (await supervisor.post(`/api/cohorts/${cohort.id}/invites`, {})).json().invite;
      const dueAt = '2027-01-15T17:00:00.000Z';
      const assigned = await supervisor.post(`/api/cohorts/${cohort.id}/assignments`, { scenarioId: 'maya-after-cancellation', dueAt, mode: 'assessment' });
      expect(assigned.statusCode).toBe(201);

      const guest = server.anonymous();
      expect((await guest.get(`/api/invites/${invite.code}`)).json().invite.cohortName).toBe('MSc year 1');
      const joined = await guest.post(`/api/invites/${invite.code}/join`, { email: `joiner-${database.name}@example.org`, name: 'Joiner', password: PASSWORD });
      expect(joined.statusCode).toBe(201);
      guest.adopt(joined);
      const { assignment } = assigned.json();
      const mine = (await guest.get('/api/assignments')).json().assignments;
      expect(mine).toEqual([expect.objectContaining({ scenarioId: 'maya-after-cancellation', dueAt, mode: 'assessment', cohortName: 'MSc year 1', done: false })]);
      const members = (await supervisor.get(`/api/cohorts/${cohort.id}`)).json().members;
      expect(members.map((m: { name: string }) => m.name)).toEqual(['Joiner']);

      // Played for the assignment, the attempt is judged against its pass marks and the assignment is done.
      const attempt = (await start(guest, { mode: 'assessment', assignmentId: assignment.id })).json().attempt;
      for (let i = 0; i < MAYA_BEST.length; i++) await turn(guest, attempt.id, i);
      const finished = (await guest.post(`/api/attempts/${attempt.id}/finish`, { at: new Date().toISOString() })).json().attempt;
      // No pass marks given: the version-2 defaults, stored with the assignment.
      expect(assignment.thresholds).toEqual({ trust: 60, safety: 70, repair: 60, failingOutcomes: ['dropout'] });
      expect(finished.passed).toBe(mayaReplay.scores.trust >= 60 && mayaReplay.scores.safety >= 70 && (mayaReplay.scores.repair ?? 100) >= 60
        && mayaReplay.flags.length === 0 && mayaReplay.outcome !== 'dropout');
      expect((await guest.get('/api/assignments')).json().assignments[0].done).toBe(true);
      const strict = (await supervisor.post(`/api/cohorts/${cohort.id}/assignments`, { scenarioId: 'maya-after-cancellation', dueAt, mode: 'practice', thresholds: { trust: 100, safety: 100, repair: 100 } })).json().assignment;
      const judged = (await start(guest, { assignmentId: strict.id })).json().attempt;
      for (let i = 0; i < MAYA_BEST.length; i++) await turn(guest, judged.id, i);
      expect((await guest.get(`/api/attempts/${judged.id}`)).json().attempt.passed).toBe(false);
      expect(strict.thresholds.failingOutcomes).toEqual(['dropout']);
    });

    it('judges an assignment by the endings it fails: failingOutcomes, from the six outcomes, each once', async () => {
      const supervisor = await server.user('supervisor');
      const cohort = (await supervisor.post('/api/cohorts', { name: 'Outcomes' })).json().cohort;
      const code = (await supervisor.post(`/api/cohorts/${cohort.id}/invites`, {})).json().invite.code;
      const trainee = await server.user('trainee');
      await trainee.post(`/api/invites/${code}/join`, {});
      const assign = (failingOutcomes: unknown) => supervisor.post(`/api/cohorts/${cohort.id}/assignments`, {
        scenarioId: 'maya-after-cancellation', dueAt: '2027-01-15T17:00:00.000Z', mode: 'practice', thresholds: { trust: 0, safety: 0, repair: 0, failingOutcomes },
      });
      for (const refused of [['nope'], ['held', 'held'], 'dropout']) {
        const response = await assign(refused);
        expect(response.statusCode, JSON.stringify(refused)).toBe(400);
        expect(response.json().code).toBe('SB_API_INVALID');
      }
      const failsRepaired = (await assign(['repaired', 'unresolved'])).json().assignment;
      const failsNone = (await assign([])).json().assignment;
      expect(failsRepaired.thresholds.failingOutcomes).toEqual(['repaired', 'unresolved']);
      const playFor = async (assignmentId: string) => {
        const { id } = (await start(trainee, { assignmentId })).json().attempt;
        for (let i = 0; i < MAYA_BEST.length; i++) await turn(trainee, id, i);
        return (await trainee.get(`/api/attempts/${id}`)).json().attempt;
      };
      expect(mayaReplay.outcome).toBe('repaired');
      expect((await playFor(failsRepaired.id)).passed).toBe(false);
      expect((await playFor(failsNone.id)).passed).toBe(judgeAttempt(mayaReplay, { trust: 0, safety: 0, repair: 0, failingOutcomes: [] }).passed);
      expect(DEFAULT_THRESHOLDS.safety).toBe(70);
    });

    it('refuses an invite code that does not exist', async () => {
      const response = await server.anonymous().get('/api/invites/nonexistent-code');
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('SB_API_INVITE_INVALID');
    });
  });

  describe('attempts', () => {
    it('replays every turn on the server: the stored scores are the engine\'s, whatever the client believes', async () => {
      const trainee = await server.user('trainee');
      const attempt = (await start(trainee)).json().attempt;
      for (let i = 0; i < MAYA_BEST.length; i++) expect((await turn(trainee, attempt.id, i)).statusCode).toBe(201);
      const finished = await trainee.post(`/api/attempts/${attempt.id}/finish`, { at: new Date().toISOString() });
      expect(finished.json().attempt).toMatchObject({ scores: mayaReplay.scores, outcome: mayaReplay.outcome, turnCount: MAYA_BEST.length });
      expect(finished.json().attempt.finishedAt).not.toBeNull();
      const stored = (await trainee.get(`/api/attempts/${attempt.id}`)).json();
      expect(stored.turns.map((t: { responseId: string }) => t.responseId)).toEqual(MAYA_BEST);
      expect(stored.turns.map((t: { rating: number }) => t.rating)).toEqual(mayaReplay.turns.map((t) => t.rating));
    });

    it('accepts the same turn twice once, and refuses a different response, a gap, an unoffered choice and the wrong beat', async () => {
      const trainee = await server.user('trainee');
      const { id } = (await start(trainee)).json().attempt;
      expect((await turn(trainee, id, 0)).statusCode).toBe(201);
      const again = await turn(trainee, id, 0);
      expect(again.statusCode).toBe(200);
      expect(again.json().duplicate).toBe(true);
      expect((await turn(trainee, id, 0, 'policy')).json()).toMatchObject({ code: 'SB_API_TURN_CONFLICT' });
      expect((await turn(trainee, id, 0, 'policy')).statusCode).toBe(409);
      expect((await turn(trainee, id, 2)).json().code).toBe('SB_API_TURN_GAP');
      const unoffered = await turn(trainee, id, 1, 'own-it');
      expect(unoffered.statusCode).toBe(422);
      expect(unoffered.json()).toEqual({ code: 'SB_API_TURN_NOT_OFFERED', message: expect.stringContaining('not offered') });
      expect((await turn(trainee, id, 1, MAYA_BEST[1], 'opening')).json().code).toBe('SB_API_TURN_NOT_OFFERED');
      expect((await trainee.post(`/api/attempts/${id}/finish`, { at: new Date().toISOString() })).json().code).toBe('SB_API_ATTEMPT_NOT_ENDED');
      const stored = (await trainee.get(`/api/attempts/${id}`)).json();
      expect(stored.turns).toHaveLength(1);
    });

    it('steps back the last turn of a practice attempt, and then accepts a different choice there', async () => {
      const trainee = await server.user('trainee');
      const { id } = (await start(trainee)).json().attempt;
      await turn(trainee, id, 0, 'policy');
      const back = await trainee.post(`/api/attempts/${id}/step-back`, { index: 0 });
      expect(back.json().attempt.turnCount).toBe(0);
      expect((await trainee.post(`/api/attempts/${id}/step-back`, { index: 0 })).statusCode).toBe(200);
      expect((await turn(trainee, id, 0)).statusCode).toBe(201);
      expect((await trainee.post(`/api/attempts/${id}/step-back`, { index: 3 })).json().code).toBe('SB_API_STEP_BACK_REFUSED');
      const assessed = (await start(trainee, { mode: 'assessment' })).json().attempt.id;
      await turn(trainee, assessed, 0);
      expect((await trainee.post(`/api/attempts/${assessed}/step-back`, { index: 0 })).json().code).toBe('SB_API_STEP_BACK_REFUSED');
    });

    it('lets the supervisor comment on a turn and sign the attempt off, and the trainee read both', async () => {
      const supervisor = await server.user('supervisor');
      const cohort = (await supervisor.post('/api/cohorts', { name: 'Review' })).json().cohort;
      const code = (await supervisor.post(`/api/cohorts/${cohort.id}/invites`, {})).json().invite.code;
      const trainee = await server.user('trainee');
      await trainee.post(`/api/invites/${code}/join`, {});
      const { id } = (await start(trainee)).json().attempt;
      for (let i = 0; i < MAYA_BEST.length; i++) await turn(trainee, id, i);
      expect((await supervisor.post(`/api/attempts/${id}/sign-off`, {})).json().code).toBe('SB_API_NOT_FINISHED');
      await trainee.post(`/api/attempts/${id}/finish`, { at: new Date().toISOString() });
      expect((await supervisor.post(`/api/attempts/${id}/comments`, { turnIndex: 3, body: 'Good: you stayed with her anger here.' })).statusCode).toBe(201);
      expect((await supervisor.post(`/api/attempts/${id}/comments`, { turnIndex: 40, body: 'x' })).json().code).toBe('SB_API_INVALID');
      expect((await trainee.post(`/api/attempts/${id}/comments`, { turnIndex: 0, body: 'self' })).statusCode).toBe(403);
      expect((await supervisor.post(`/api/attempts/${id}/sign-off`, {})).json().signOff.by).toBe(supervisor.id ? (await supervisor.get('/api/session')).json().user.name : null);
      const review = (await trainee.get(`/api/attempts/${id}/review`)).json();
      expect(review.comments).toEqual([expect.objectContaining({ turnIndex: 3, body: 'Good: you stayed with her anger here.' })]);
      expect(review.signOff).not.toBeNull();
      expect(review.turns).toHaveLength(MAYA_BEST.length);
      expect(review.turns[3].options.find((o: { chosen: boolean }) => o.chosen).rating).toBe(mayaReplay.turns[3]!.rating);
    });

    it('reviews each turn with its replies in the order the attempt showed them, critical flags and notes in plain words', async () => {
      const trainee = await server.user('trainee');
      const played = async (choices: readonly string[]) => {
        const beats = replay(maya.scenario, rubric, choices).turns.map((t) => t.beat);
        const { id } = (await start(trainee)).json().attempt;
        for (const [index, responseId] of choices.entries()) expect((await turn(trainee, id, index, responseId, beats[index])).statusCode).toBe(201);
        return { id, review: (await trainee.get(`/api/attempts/${id}/review`)).json() };
      };
      // Asked one turn late, after a reply that did not stay with Maya: a note that costs Safety, not a flag.
      const late = await played([...MAYA_BEST.slice(0, 7), 'nothing-silly', 'own-and-ask']);
      type Option = { id: string };
      type Turn = { beat: string; options: Option[]; harm: number };
      const shown = (id: string, turns: Turn[]) => turns.map((t) => shownOrder(maya.scenario, id, t.beat).map((r) => r.id));
      expect(late.review.turns.map((t: Turn) => t.options.map((o) => o.id))).toEqual(shown(late.id, late.review.turns));
      // The shown order is the attempt's, not the file's.
      expect(late.review.turns.some((t: Turn) => t.options.map((o) => o.id).join() !== maya.scenario.beats[t.beat]!.responses.map((r) => r.id).join())).toBe(true);
      expect(late.review.flags).toEqual([]);
      expect(late.review.notes).toEqual([{ flag: 'risk_delayed', label: vocabulary.NOTE_LABELS.risk_delayed, turn: 8, beat: 'better-off', message: expect.any(String) }]);
      expect(late.review.attempt.scores.safety).toBe(replay(maya.scenario, rubric, [...MAYA_BEST.slice(0, 7), 'nothing-silly', 'own-and-ask']).scores.safety);
      expect(late.review.turns.every((t: Turn) => Number.isInteger(t.harm))).toBe(true);

      const missed = await played(['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'heavy-nights', 'what-helps']);
      expect(missed.review.flags).toEqual([expect.objectContaining({ flag: 'risk_not_assessed', label: vocabulary.CRITICAL_FLAG_LABELS.risk_not_assessed, beat: 'better-off' })]);
      expect(missed.review.notes).toEqual([]);
      expect(missed.review.attempt.scores.safety).toBe(0);
    });

    it('shows the status board: done, in progress, not started, overdue, and critical flags first', async () => {
      const supervisor = await server.user('supervisor');
      const cohort = (await supervisor.post('/api/cohorts', { name: 'Board' })).json().cohort;
      const code = (await supervisor.post(`/api/cohorts/${cohort.id}/invites`, {})).json().invite.code;
      const [ada, ben] = [await server.user('trainee', `ada-${database.name}`), await server.user('trainee', `ben-${database.name}`)];
      for (const trainee of [ada, ben]) await trainee.post(`/api/invites/${code}/join`, {});
      const assign = async (dueAt: string) => (await supervisor.post(`/api/cohorts/${cohort.id}/assignments`, { scenarioId: 'maya-after-cancellation', dueAt, mode: 'practice' })).json().assignment.id as string;
      const past = await assign('2020-01-01T12:00:00Z');
      const future = await assign('2099-01-01T12:00:00Z');
      const done = (await start(ada, { assignmentId: future })).json().attempt.id;
      for (let i = 0; i < MAYA_BEST.length; i++) await turn(ada, done, i);
      await ada.post(`/api/attempts/${done}/finish`, { at: new Date().toISOString() });
      const begun = (await start(ben, { assignmentId: future })).json().attempt.id;
      await turn(ben, begun, 0);
      // Ben misses a risk cue on an unassigned attempt: it is flagged, and listed first.
      const missed = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'heavy-nights', 'what-helps'];
      const beats = replay(maya.scenario, rubric, missed).turns.map((t) => t.beat);
      const flaggedId = (await start(ben)).json().attempt.id;
      for (const [i, responseId] of missed.entries()) expect((await turn(ben, flaggedId, i, responseId, beats[i])).statusCode).toBe(201);
      const board = (await supervisor.get(`/api/cohorts/${cohort.id}/board`)).json();
      const cell = (name: string, assignment: string) => board.rows.find((r: { trainee: { name: string } }) => r.trainee.name === name)
        .cells.find((c: { assignmentId: string }) => c.assignmentId === assignment);
      expect(cell(`ada-${database.name}`, future)).toMatchObject({ status: 'done', attemptId: done, passed: true });
      expect(cell(`ada-${database.name}`, past).status).toBe('overdue');
      expect(cell(`ben-${database.name}`, future)).toMatchObject({ status: 'in_progress', attemptId: begun });
      expect(board.overdue).toBe(2);
      expect(replay(maya.scenario, rubric, missed).flags.map((f) => f.flag)).toContain('risk_not_assessed');
      expect(board.flagged).toEqual([expect.objectContaining({ attemptId: flaggedId, trainee: `ben-${database.name}`, flags: expect.arrayContaining(['risk_not_assessed']) })]);
    });

    it('refuses a scenario version the server has never seen', async () => {
      const trainee = await server.user('trainee');
      const response = await start(trainee, { scenarioHash: '0'.repeat(64) });
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('SB_API_UNKNOWN_CONTENT');
    });
  });

  describe('bad requests', () => {
    it.each([
      ['not JSON', '{"name":', 'SB_API_BAD_REQUEST', 400],
      ['an unknown field', { name: 'A', colour: 'red' }, 'SB_API_INVALID', 400],
      ['a missing field', {}, 'SB_API_INVALID', 400],
      ['a huge body', { name: 'x'.repeat(70_000) }, 'SB_API_TOO_LARGE', 413],
    ] as const)('answers %s with a 4xx, a code and a message', async (_what, body, code, status) => {
      const supervisor = await server.user('supervisor');
      const response = await supervisor.post('/api/cohorts', body);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ code, message: expect.any(String) });
      expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    });

    it('answers a body that is not JSON by type with 415', async () => {
      const supervisor = await server.user('supervisor');
      const response = await supervisor.request('POST', '/api/cohorts', 'name=A', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('SB_API_UNSUPPORTED_MEDIA');
    });

    it('answers an unknown endpoint with a JSON 404', async () => {
      const response = await server.anonymous().get('/api/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('SB_API_NOT_FOUND');
    });
  });
});
