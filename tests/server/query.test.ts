/**
 * Query strings: a route that reads none refuses any field, so a misspelt or
 * misplaced filter is reported rather than silently ignored; the routes that
 * read one check its fields against their schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';

describe.each(DATABASES)('query strings on $name', (database) => {
  let server: TestServer;
  let admin: Caller;
  let cohort: string;
  beforeAll(async () => {
    server = await startTestServer(database);
    admin = await server.user('admin');
    cohort = (await admin.post('/api/cohorts', { name: 'Queried' })).json().cohort.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(['/api/users?evil=1', '/api/cohorts?x=1', '/api/session?x=1', '/api/assignments?x=1', '/api/xapi/status?x=1', '/api/users?x', '/api/cohorts/:id?x=1'])(
    'GET %s is refused: the route reads no query', async (url) => {
      const response = await admin.get(url.replace(':id', cohort));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ code: 'SB_API_INVALID', message: expect.stringMatching(/^query: unknown field "(evil|x)"/) });
    });

  it('refuses a query on a state-changing route too', async () => {
    const response = await admin.post('/api/cohorts?name=Sneaky', { name: 'Plain' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^query: unknown field "name"/);
  });

  it('the same routes answer without one, and with an empty one', async () => {
    for (const url of ['/api/users', '/api/cohorts', '/api/session', '/api/assignments', '/api/xapi/status', '/api/users?']) {
      expect((await admin.get(url)).statusCode, url).toBe(200);
    }
  });

  it('routes that read a query take their fields and name an unknown one', async () => {
    expect((await admin.get(`/api/attempts?cohortId=${cohort}`)).statusCode).toBe(200);
    expect((await admin.get('/api/program?from=2026-01-01')).statusCode).toBe(200);
    for (const url of ['/api/attempts?evil=1', '/api/program?evil=1']) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toEqual({ code: 'SB_API_INVALID', message: 'query: unknown field "evil"' });
    }
  });
});
