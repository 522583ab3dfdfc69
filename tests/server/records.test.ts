/**
 * Data requests: a trainee's full record as JSON, for them, their supervisor
 * or an admin; deleting a trainee's data on request, everything of theirs and
 * nothing of anyone else's, in the audit log; and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '../../src/server/deletion.js';
import { DATABASES, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';
import { MAYA_BEST, cohortOf, play } from './play.js';

// Nothing listens on port 1: statements wait in the outbox, so deletion has some to remove.
const UNREACHABLE_LRS = { endpoint: 'http://127.0.0.1:1/xapi/', username: 'u', password: 'p' };

describe.each(DATABASES)('data requests on $name', (database) => {
  let server: TestServer;
  let admin: Caller, supervisor: Caller, otherSupervisor: Caller, ada: Caller, ben: Caller;
  let cohort: string;
  let adaAttempts: string[];
  let benAttempt: string;

  beforeAll(async () => {
    server = await startTestServer(database, { lrs: UNREACHABLE_LRS });
    admin = await server.user('admin', 'admin-one');
    supervisor = await server.user('supervisor', 'sup');
    otherSupervisor = await server.user('supervisor', 'sup-other');
    ada = await server.user('trainee', 'ada');
    ben = await server.user('trainee', 'ben');
    cohort = await cohortOf(supervisor, 'Year 1', [ada, ben]);
    await cohortOf(otherSupervisor, 'Elsewhere', []);
    adaAttempts = [await play(ada, MAYA_BEST, { finish: true }), await play(ada, MAYA_BEST.slice(0, 4))];
    benAttempt = await play(ben, MAYA_BEST, { finish: true });
    for (const id of [adaAttempts[0]!, benAttempt]) {
      expect((await supervisor.post(`/api/attempts/${id}/comments`, { turnIndex: 2, body: 'You stayed with her here.' })).statusCode).toBe(201);
      expect((await supervisor.post(`/api/attempts/${id}/comments`, { turnIndex: null, body: 'Overall: steady.' })).statusCode).toBe(201);
      expect((await supervisor.post(`/api/attempts/${id}/sign-off`, {})).statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const auditOf = async (subject: string) => (await admin.get(`/api/audit?subject=${encodeURIComponent(subject)}`)).json().entries as {
    action: string; actor: { id: string; name: string | null } | null; subject: string; detail: Record<string, unknown>;
  }[];

  describe('the record', () => {
    it('holds the account, cohorts, attempts with their turns, comments and sign-offs, and no secrets', async () => {
      const response = await ada.get(`/api/users/${ada.id}/record`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="securebase-record-${ada.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
      const record = response.json();
      expect(record.account).toEqual({ id: ada.id, email: 'ada@example.org', name: 'ada', role: 'trainee', createdAt: expect.any(String) });
      expect(record.cohorts).toEqual([{ id: cohort, name: 'Year 1', joinedAt: expect.any(String), supervisor: { id: supervisor.id, name: 'sup' } }]);
      expect(record.attempts.map((a: { id: string }) => a.id)).toEqual(adaAttempts);
      for (const attempt of record.attempts) {
        const stored = (await ada.get(`/api/attempts/${attempt.id}`)).json();
        const { turns, comments, signOff, ...rest } = attempt;
        expect(rest).toEqual(stored.attempt);
        expect(turns).toEqual(stored.turns);
        expect(signOff === null).toBe(attempt.id !== adaAttempts[0]);
        expect(comments).toHaveLength(attempt.id === adaAttempts[0] ? 2 : 0);
      }
      expect(record.attempts[0].turns).toHaveLength(MAYA_BEST.length);
      expect(record.attempts[0].comments[0]).toEqual({ id: expect.any(String), turnIndex: 2, body: 'You stayed with her here.', createdAt: expect.any(String), author: { id: supervisor.id, name: 'sup' } });
      expect(record.attempts[0].signOff).toEqual({ at: expect.any(String), by: { id: supervisor.id, name: 'sup' } });
      expect(response.body).not.toMatch(/password|scrypt|csrf|token/i);
    });

    it('is audited when someone other than the trainee exports it', async () => {
      expect(await auditOf(`user:${ada.id}`)).toEqual([]);
      expect((await supervisor.get(`/api/users/${ada.id}/record`)).statusCode).toBe(200);
      expect((await admin.get(`/api/users/${ada.id}/record`)).statusCode).toBe(200);
      const entries = await auditOf(`user:${ada.id}`);
      expect(entries.map((e) => [e.action, e.actor?.id])).toEqual([['user.record-exported', admin.id], ['user.record-exported', supervisor.id]]);
      expect(entries[0]!.detail).toEqual({ attempts: 2 });
    });

    it('is not found for another trainee, another cohort\'s supervisor, or no such account', async () => {
      for (const caller of [ben, otherSupervisor]) {
        const response = await caller.get(`/api/users/${ada.id}/record`);
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('SB_API_NOT_FOUND');
      }
      expect((await admin.get('/api/users/00000000-0000-4000-8000-000000000000/record')).statusCode).toBe(404);
      expect((await admin.get('/api/users/not-an-id/record')).json().code).toBe('SB_API_INVALID');
    });
  });

  describe('deletion on request', () => {
    /** Every row that belongs to `userId`, table by table. */
    const rowsOf = async (userId: string) => {
      const db = server.ctx.db;
      const attempts = db.selectFrom('attempts').select('id').where('user_id', '=', userId);
      const count = async (query: { execute(): Promise<unknown[]> }) => (await query.execute()).length;
      return {
        users: await count(db.selectFrom('users').select('id').where('id', '=', userId)),
        attempts: await count(attempts),
        turns: await count(db.selectFrom('turns').select('idx').where('attempt_id', 'in', attempts)),
        comments: await count(db.selectFrom('comments').select('id').where('attempt_id', 'in', attempts)),
        xapiStatements: await count(db.selectFrom('xapi_outbox').select('id').where('attempt_id', 'in', attempts)),
        memberships: await count(db.selectFrom('memberships').select('cohort_id').where('user_id', '=', userId)),
        sessions: await count(db.selectFrom('sessions').select('user_id').where('user_id', '=', userId)),
      };
    };

    it('needs the account\'s email to confirm, and refuses anyone but an admin', async () => {
      for (const body of [undefined, {}, { confirm: 'ben@example.org' }, { confirm: 'ada@example.org', reason: 'asked' }]) {
        const response = await admin.request('DELETE', `/api/users/${ada.id}`, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().code).toBe('SB_API_INVALID');
      }
      for (const caller of [ada, supervisor]) {
        const response = await caller.request('DELETE', `/api/users/${ada.id}`, { confirm: 'ada@example.org' });
        expect(response.statusCode).toBe(403);
        expect(response.json().code).toBe('SB_API_FORBIDDEN');
      }
      const unknown = await admin.request('DELETE', '/api/users/00000000-0000-4000-8000-000000000000', { confirm: 'ada@example.org' });
      expect(unknown.statusCode).toBe(404);
      expect((await rowsOf(ada.id!)).attempts).toBe(2);
    });

    it('removes everything of the trainee\'s and nothing of another\'s, and the audit log says so', async () => {
      const before = await rowsOf(ada.id!);
      expect(before).toMatchObject({ users: 1, attempts: 2, turns: MAYA_BEST.length + 4, comments: 2, memberships: 1 });
      expect(before.xapiStatements).toBeGreaterThan(0);
      expect(before.sessions).toBeGreaterThan(0);
      const benBefore = await rowsOf(ben.id!);

      const response = await admin.request('DELETE', `/api/users/${ada.id}`, { confirm: 'ADA@example.org' });
      expect(response.statusCode, response.body).toBe(200);
      const { users: _users, ...removed } = before;
      expect(response.json()).toEqual({ deleted: { id: ada.id, removed } });
      expect(await rowsOf(ada.id!)).toEqual({ users: 0, attempts: 0, turns: 0, comments: 0, xapiStatements: 0, memberships: 0, sessions: 0 });
      expect(await rowsOf(ben.id!)).toEqual(benBefore);
      expect((await ada.get('/api/session')).json().user).toBeNull();
      expect((await supervisor.get(`/api/cohorts/${cohort}`)).json().members.map((m: { name: string }) => m.name)).toEqual(['ben']);

      const [entry] = await auditOf(`user:${ada.id}`);
      expect(entry).toMatchObject({ action: 'user.deleted', actor: { id: admin.id, name: 'admin-one' }, subject: `user:${ada.id}`, detail: { role: 'trainee', removed } });
      expect(JSON.stringify(entry)).not.toMatch(/ada@example\.org|"ada"/i);
      expect((await admin.get('/api/audit?limit=1')).json().entries).toEqual([entry]);
      expect((await admin.request('DELETE', `/api/users/${ada.id}`, { confirm: 'ada@example.org' })).statusCode).toBe(404);
    });

    it('refuses to delete yourself, an account others\' records name, or the last admin', async () => {
      const self = await admin.request('DELETE', `/api/users/${admin.id}`, { confirm: 'admin-one@example.org' });
      expect(self.statusCode).toBe(409);
      expect(self.json()).toEqual({ code: 'SB_API_DELETE_REFUSED', message: expect.stringContaining('your own account') });
      const owner = await admin.request('DELETE', `/api/users/${supervisor.id}`, { confirm: 'sup@example.org' });
      expect(owner.statusCode).toBe(409);
      expect(owner.json().message).toMatch(/owns cohorts.*commented.*signed off/);

      const second = await server.user('admin', 'admin-two');
      expect((await admin.request('DELETE', `/api/users/${second.id}`, { confirm: 'admin-two@example.org' })).statusCode).toBe(200);
      // With one admin left, even a caller other than that admin cannot remove it.
      await expect(deleteAccount(server.ctx, supervisor.id!, { id: admin.id!, role: 'admin' })).rejects.toMatchObject({ code: 'SB_API_DELETE_REFUSED', message: expect.stringContaining('last admin') });
      expect((await admin.get('/api/session')).json().user.id).toBe(admin.id);
    });
  });

  describe('the audit log', () => {
    it('is for admins, newest first, with a limit', async () => {
      const entries = (await admin.get('/api/audit')).json().entries as { at: string }[];
      expect(entries.length).toBeGreaterThan(3);
      expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
      expect((await admin.get('/api/audit?limit=2')).json().entries).toHaveLength(2);
      for (const query of ['?limit=0', '?limit=many', '?since=2026-01-01']) expect((await admin.get(`/api/audit${query}`)).json().code).toBe('SB_API_INVALID');
      expect((await supervisor.get('/api/audit')).statusCode).toBe(403);
      expect((await server.anonymous().get('/api/audit')).statusCode).toBe(401);
    });
  });
});
