/**
 * Who may do what: every endpoint, called by every kind of caller, owner and
 * not. "Refused" means 401, 403 or 404 (what you may not see, you cannot tell
 * exists); "allowed" means anything else, including a 409 about the request.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { newSetupLink } from '../../src/server/setup.js';
import { DATABASES, PASSWORD, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';

const { hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml');
const CALLERS = ['anonymous', 'trainee (owner)', 'trainee (other)', 'supervisor (owner)', 'supervisor (other)', 'admin'] as const;
type CallerName = (typeof CALLERS)[number];

interface Fixture {
  cohort: string; attempt: string; trainee: string; invite: string;
  /** A trainee of the owned cohort that the admin's call really deletes. */
  spare: string;
  /** The same person signed in again in another browser (anonymous stays anonymous), to sign out without losing the caller's session. */
  again: (caller: Caller) => Promise<Caller>;
  /** A fresh one-time setup token. */
  setupToken: () => Promise<string>;
}
interface Endpoint {
  readonly name: string;
  readonly call: (caller: Caller, fixture: Fixture) => ReturnType<Caller['get']>;
  readonly allowed: readonly CallerName[];
}

const SIGNED_IN: readonly CallerName[] = CALLERS.filter((c) => c !== 'anonymous');
const MANAGERS: readonly CallerName[] = ['supervisor (owner)', 'admin'];
const SUPERVISORS_AND_ADMIN: readonly CallerName[] = ['supervisor (owner)', 'supervisor (other)', 'admin'];
const newAccount = () => ({ email: `${randomUUID()}@example.org`, name: 'Newcomer', password: PASSWORD });
const startBody = () => ({ id: randomUUID(), scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode: 'practice', startedAt: new Date().toISOString() });

const ENDPOINTS: readonly Endpoint[] = [
  { name: 'GET /api/session', call: (c) => c.get('/api/session'), allowed: CALLERS },
  { name: 'POST /api/session', call: (c) => c.post('/api/session', { email: 'sign-in-target@example.org', password: PASSWORD }), allowed: CALLERS },
  { name: 'DELETE /api/session', call: async (c, f) => (await f.again(c)).delete('/api/session'), allowed: CALLERS },
  // Anyone holding a setup link may use it; here an admin exists, so each is allowed to hear 409 SB_API_SETUP_DONE.
  { name: 'POST /api/setup', call: async (c, f) => c.post('/api/setup', { token: await f.setupToken(), ...newAccount() }), allowed: CALLERS },
  { name: 'GET /api/invites/:code', call: (c, f) => c.get(`/api/invites/${f.invite}`), allowed: CALLERS },
  // A guest joins by creating a trainee account; a signed-in trainee joins as themselves; staff do not join cohorts.
  { name: 'POST /api/invites/:code/join', call: (c, f) => c.post(`/api/invites/${f.invite}/join`, newAccount()), allowed: ['anonymous', 'trainee (owner)', 'trainee (other)'] },
  { name: 'GET /api/users', call: (c) => c.get('/api/users'), allowed: ['admin'] },
  { name: 'GET /api/xapi/status', call: (c) => c.get('/api/xapi/status'), allowed: ['admin'] },
  { name: 'GET /api/program', call: (c) => c.get('/api/program'), allowed: ['admin'] },
  { name: 'POST /api/users', call: (c) => c.post('/api/users', { email: `${randomUUID()}@example.org`, name: 'New', role: 'trainee', password: 'long enough password' }), allowed: ['admin'] },
  { name: 'POST /api/cohorts', call: (c) => c.post('/api/cohorts', { name: 'Another' }), allowed: ['supervisor (owner)', 'supervisor (other)', 'admin'] },
  { name: 'GET /api/cohorts', call: (c) => c.get('/api/cohorts'), allowed: SIGNED_IN },
  { name: 'GET /api/cohorts/:id', call: (c, f) => c.get(`/api/cohorts/${f.cohort}`), allowed: MANAGERS },
  { name: 'POST /api/cohorts/:id/invites', call: (c, f) => c.post(`/api/cohorts/${f.cohort}/invites`, {}), allowed: MANAGERS },
  { name: 'POST /api/cohorts/:id/assignments', call: (c, f) => c.post(`/api/cohorts/${f.cohort}/assignments`, { scenarioId: maya.scenario.id, dueAt: '2027-03-01T12:00:00Z', mode: 'practice' }), allowed: MANAGERS },
  { name: 'GET /api/cohorts/:id/board', call: (c, f) => c.get(`/api/cohorts/${f.cohort}/board`), allowed: MANAGERS },
  { name: 'GET /api/cohorts/:id/assignments', call: (c, f) => c.get(`/api/cohorts/${f.cohort}/assignments`), allowed: MANAGERS },
  { name: 'GET /api/assignments', call: (c) => c.get('/api/assignments'), allowed: SIGNED_IN },
  { name: 'POST /api/attempts', call: (c) => c.post('/api/attempts', startBody()), allowed: SIGNED_IN },
  { name: 'GET /api/attempts/:id', call: (c, f) => c.get(`/api/attempts/${f.attempt}`), allowed: ['trainee (owner)', ...MANAGERS] },
  { name: 'GET /api/attempts', call: (c) => c.get('/api/attempts'), allowed: SIGNED_IN },
  { name: 'GET /api/attempts?userId', call: (c, f) => c.get(`/api/attempts?userId=${f.trainee}`), allowed: ['trainee (owner)', ...MANAGERS] },
  { name: 'GET /api/attempts?cohortId', call: (c, f) => c.get(`/api/attempts?cohortId=${f.cohort}`), allowed: MANAGERS },
  { name: 'POST /api/attempts/:id/turns', call: (c, f) => c.post(`/api/attempts/${f.attempt}/turns`, { attemptId: f.attempt, index: 0, beatId: 'opening', responseId: 'own-it', at: new Date().toISOString() }), allowed: ['trainee (owner)'] },
  { name: 'POST /api/attempts/:id/step-back', call: (c, f) => c.post(`/api/attempts/${f.attempt}/step-back`, { index: 5 }), allowed: ['trainee (owner)'] },
  { name: 'GET /api/attempts/:id/review', call: (c, f) => c.get(`/api/attempts/${f.attempt}/review`), allowed: ['trainee (owner)', ...MANAGERS] },
  { name: 'POST /api/attempts/:id/comments', call: (c, f) => c.post(`/api/attempts/${f.attempt}/comments`, { turnIndex: null, body: 'A note.' }), allowed: MANAGERS },
  { name: 'POST /api/attempts/:id/sign-off', call: (c, f) => c.post(`/api/attempts/${f.attempt}/sign-off`, {}), allowed: MANAGERS },
  { name: 'GET /api/exports/attempts.csv', call: (c) => c.get('/api/exports/attempts.csv'), allowed: SUPERVISORS_AND_ADMIN },
  { name: 'GET /api/exports/attempts.csv?cohortId', call: (c, f) => c.get(`/api/exports/attempts.csv?cohortId=${f.cohort}`), allowed: MANAGERS },
  { name: 'GET /api/exports/turns.csv', call: (c) => c.get('/api/exports/turns.csv'), allowed: SUPERVISORS_AND_ADMIN },
  { name: 'GET /api/exports/turns.csv?cohortId', call: (c, f) => c.get(`/api/exports/turns.csv?cohortId=${f.cohort}`), allowed: MANAGERS },
  { name: 'GET /api/users/:id/record', call: (c, f) => c.get(`/api/users/${f.trainee}/record`), allowed: ['trainee (owner)', ...MANAGERS] },
  { name: 'GET /api/audit', call: (c) => c.get('/api/audit'), allowed: ['admin'] },
  { name: 'DELETE /api/users/:id', call: (c, f) => c.request('DELETE', `/api/users/${f.spare}`, { confirm: 'spare@example.org' }), allowed: ['admin'] },
  { name: 'POST /api/attempts/:id/finish', call: (c, f) => c.post(`/api/attempts/${f.attempt}/finish`, { at: new Date().toISOString() }), allowed: ['trainee (owner)'] },
];

describe.each(DATABASES)('access on $name', (database) => {
  let server: TestServer;
  let callers: Record<CallerName, Caller>;
  let fixture: Fixture;
  beforeAll(async () => {
    server = await startTestServer(database);
    const emails = new Map<Caller, string>();
    const user = async (role: 'trainee' | 'supervisor' | 'admin', label: string) => {
      const caller = await server.user(role, label);
      emails.set(caller, `${label}@example.org`);
      return caller;
    };
    const ownerSupervisor = await user('supervisor', 'owner-supervisor');
    const ownerTrainee = await user('trainee', 'owner-trainee');
    const spare = await server.user('trainee', 'spare');
    callers = {
      anonymous: server.anonymous(),
      'trainee (owner)': ownerTrainee,
      'trainee (other)': await user('trainee', 'other-trainee'),
      'supervisor (owner)': ownerSupervisor,
      'supervisor (other)': await user('supervisor', 'other-supervisor'),
      admin: await user('admin', 'the-admin'),
    };
    await user('trainee', 'sign-in-target');
    const cohort = (await ownerSupervisor.post('/api/cohorts', { name: 'Owned' })).json().cohort.id as string;
    const code = (await ownerSupervisor.post(`/api/cohorts/${cohort}/invites`, {})).json().invite.code as string;
    expect((await ownerTrainee.post(`/api/invites/${code}/join`, {})).statusCode).toBe(201);
    expect((await spare.post(`/api/invites/${code}/join`, {})).statusCode).toBe(201);
    const attempt = (await ownerTrainee.post('/api/attempts', startBody())).json().attempt.id as string;
    const again = async (caller: Caller) => {
      const email = emails.get(caller);
      if (!email) return server.anonymous();
      const other = server.anonymous();
      expect((await other.signIn(email, PASSWORD)).statusCode).toBe(200);
      return other;
    };
    const invite = (await ownerSupervisor.post(`/api/cohorts/${cohort}/invites`, {})).json().invite.code as string;
    fixture = { cohort, attempt, trainee: ownerTrainee.id!, spare: spare.id!, invite, again, setupToken: () => newSetupLink(server.ctx) };
  });
  afterAll(async () => {
    await server?.close();
  });

  describe.each(ENDPOINTS)('$name', (endpoint) => {
    it.each(CALLERS)('%s', async (name) => {
      const response = await endpoint.call(callers[name], fixture);
      const refused = [401, 403, 404].includes(response.statusCode);
      expect({ status: response.statusCode, refused }).toEqual({ status: response.statusCode, refused: !endpoint.allowed.includes(name) });
      expect(response.statusCode).toBeLessThan(500);
    });
  });
});
