/**
 * xAPI: every statement meets the xAPI 1.0.3 rules, each attempt reports
 * initialized, selected per turn, completed and passed or failed, and a real
 * HTTP endpoint on loopback receives each statement exactly once, though it was
 * down while they were made and the server restarted in between.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { EXTENSIONS, VERBS } from '../../src/server/xapi/statements.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { xapiProblems } from '../support/xapi.js';
import { DATABASES, startTestServer } from './harness.js';
import type { Caller } from './harness.js';

const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);
const BEST = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];
const played = replay(maya.scenario, rubric, BEST);

/** A Learning Record Store on loopback: records every statement it accepts, or answers 503 while down. */
class LoopbackLrs {
  readonly received: Record<string, unknown>[] = [];
  readonly authorizations = new Set<string>();
  down = false;
  private server!: Server;
  endpoint = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (this.down) return void response.writeHead(503).end();
        this.authorizations.add(String(request.headers.authorization));
        if (request.url !== '/xapi/statements' || request.headers['x-experience-api-version'] !== '1.0.3') return void response.writeHead(400).end();
        const statements = JSON.parse(body) as Record<string, unknown>[];
        this.received.push(...statements);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statements.map((s) => s.id)));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/xapi/`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function playMaya(trainee: Caller, mode: 'practice' | 'assessment', choices = BEST): Promise<string> {
  const id = randomUUID();
  await trainee.post('/api/attempts', { id, scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode, startedAt: new Date(Date.now() - 600_000).toISOString() });
  for (const [index, responseId] of choices.entries()) {
    const response = await trainee.post(`/api/attempts/${id}/turns`, { attemptId: id, index, beatId: played.turns[index]!.beat, responseId, at: new Date().toISOString() });
    expect(response.statusCode).toBe(201);
  }
  if (choices.length === BEST.length) await trainee.post(`/api/attempts/${id}/finish`, { at: new Date().toISOString() });
  return id;
}

const registrationOf = (s: Record<string, unknown>) => (s.context as { registration?: string } | undefined)?.registration;
const verbOf = (s: Record<string, unknown>) => (s.verb as { id: string }).id;

describe.each(DATABASES)('xAPI on $name', (database) => {
  const lrs = new LoopbackLrs();
  beforeAll(async () => {
    await lrs.start();
  });
  afterAll(async () => {
    await lrs.close();
  });

  it('reports an assessed attempt as valid statements: initialized, selected per turn with the scores, completed, passed', async () => {
    const server = await startTestServer(database, { lrs: { endpoint: lrs.endpoint, username: 'key', password: 'secret' } });
    try {
      const trainee = await server.user('trainee');
      const id = await playMaya(trainee, 'assessment');
      await expect.poll(async () => (await server.ctx.xapi!.sender.status()).backlog).toBe(0);
      const mine = lrs.received.filter((s) => registrationOf(s) === id);
      expect(mine.map(verbOf)).toEqual([VERBS.initialized, ...BEST.map(() => VERBS.selected), VERBS.completed, VERBS.passed]);
      for (const statement of mine) expect(xapiProblems(statement), JSON.stringify(statement)).toEqual([]);
      const selected = mine.filter((s) => verbOf(s) === VERBS.selected);
      expect(selected.map((s) => (s.result as { response: string }).response)).toEqual(BEST);
      const last = (selected.at(-1)!.result as { extensions: Record<string, number | null> }).extensions;
      expect([last[EXTENSIONS.trust], last[EXTENSIONS.safety], last[EXTENSIONS.repair]]).toEqual([played.scores.trust, played.scores.safety, played.scores.repair]);
      expect(lrs.authorizations).toContain(`Basic ${Buffer.from('key:secret').toString('base64')}`);
      const admin = await server.user('admin');
      expect((await admin.get('/api/xapi/status')).json()).toMatchObject({ configured: true, backlog: 0, lastError: null });
    } finally {
      await server.close();
    }
  });

  it('loses nothing while the LRS is down, and delivers each statement exactly once across a restart', async () => {
    const url = await database.url();
    lrs.down = true;
    const before = lrs.received.length;
    const first = await startTestServer(database, { url, lrs: { endpoint: lrs.endpoint, username: 'key', password: 'secret' } });
    const trainee = await first.user('trainee', `xapi-${database.name}`);
    const id = await playMaya(trainee, 'practice', BEST.slice(0, 4));
    await expect.poll(async () => (await first.ctx.xapi!.sender.status()).lastError).toBe('the LRS answered 503');
    expect((await first.ctx.xapi!.sender.status()).backlog).toBe(5);
    await first.close(true);

    lrs.down = false;
    const second = await startTestServer(database, { url, lrs: { endpoint: lrs.endpoint, username: 'key', password: 'secret' } });
    try {
      // The first tries backed off; the next one after the restart gets through.
      await expect.poll(async () => (await second.ctx.xapi!.sender.status()).backlog, { timeout: 20_000 }).toBe(0);
      const delivered = lrs.received.slice(before).filter((s) => registrationOf(s) === id);
      expect(delivered.map(verbOf)).toEqual([VERBS.initialized, VERBS.selected, VERBS.selected, VERBS.selected, VERBS.selected]);
      expect(new Set(delivered.map((s) => s.id)).size).toBe(delivered.length);
    } finally {
      await second.close();
    }
  });

  it('voids a sent choice that practice mode steps back', async () => {
    const server = await startTestServer(database, { lrs: { endpoint: lrs.endpoint, username: 'key', password: 'secret' } });
    try {
      const trainee = await server.user('trainee');
      const id = await playMaya(trainee, 'practice', BEST.slice(0, 2));
      await expect.poll(async () => (await server.ctx.xapi!.sender.status()).backlog).toBe(0);
      await trainee.post(`/api/attempts/${id}/step-back`, { index: 1 });
      await expect.poll(async () => (await server.ctx.xapi!.sender.status()).backlog).toBe(0);
      const mine = lrs.received.filter((s) => registrationOf(s) === id || (s.object as { objectType?: string }).objectType === 'StatementRef');
      const lastSelected = mine.filter((s) => verbOf(s) === VERBS.selected).at(-1)!;
      const voided = lrs.received.find((s) => verbOf(s) === VERBS.voided && (s.object as { id: string }).id === lastSelected.id);
      expect(voided && xapiProblems(voided)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
