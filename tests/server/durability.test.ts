/**
 * Kill the server hard while a client streams turns: after a restart every turn
 * the server acknowledged is stored, none twice, and the attempt replays.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { openDatabase } from '../../src/server/db/database.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { createUser } from '../../src/server/users.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, PASSWORD, ROOT, dropCreatedDatabases } from './harness.js';

const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);
const BEST = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];
const BEATS = replay(maya.scenario, rubric, BEST).turns.map((t) => t.beat);

async function launch(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'server', 'serverProcess.ts')], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /^listening (\S+)/.exec(line);
    if (match) return { child, url: match[1]! };
  }
  throw new Error('the server process ended before it listened');
}

/** A signed-in trainee over real HTTP. */
async function signIn(url: string, email: string) {
  const response = await fetch(`${url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return (path: string, body?: unknown) => fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe.each(DATABASES)('durability on $name', (database) => {
  it('keeps every acknowledged turn, once, across a SIGKILL', async () => {
    const databaseUrl = await database.url();
    const setup = await openDatabase(databaseUrl);
    const email = `durable-${randomUUID()}@example.org`;
    await createUser(setup.db, { email, name: 'Durable', role: 'trainee', passwordHash: await hashPassword(PASSWORD) }, new Date());
    await setup.close();

    let server = await launch(databaseUrl);
    const call = await signIn(server.url, email);
    const acknowledged = new Map<string, number>();
    const streaming = (async () => {
      for (;;) {
        const id = randomUUID();
        const started = await call('api/attempts', { id, scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode: 'practice', startedAt: new Date().toISOString() });
        if (started.status !== 201) return;
        for (const [index, responseId] of BEST.entries()) {
          const response = await call(`api/attempts/${id}/turns`, { attemptId: id, index, beatId: BEATS[index], responseId, at: new Date().toISOString() });
          if (response.status !== 201) return;
          acknowledged.set(id, index + 1);
        }
      }
    })().catch(() => undefined); // the connection dies with the server
    await new Promise((resolve) => setTimeout(resolve, 1500 + Math.random() * 1000));
    server.child.kill('SIGKILL');
    await streaming;
    expect(acknowledged.size).toBeGreaterThan(0);

    server = await launch(databaseUrl);
    try {
      const again = await signIn(server.url, email);
      for (const [id, count] of acknowledged) {
        const { turns } = (await (await again(`api/attempts/${id}`)).json()) as { turns: { index: number; responseId: string }[] };
        // Every acknowledged turn is there; one more may have committed just before the kill, unacknowledged.
        expect(turns.length === count || turns.length === count + 1).toBe(true);
        expect(turns.map((t) => t.index)).toEqual([...turns.keys()]);
        expect(turns.map((t) => t.responseId)).toEqual(BEST.slice(0, turns.length));
      }
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      await dropCreatedDatabases();
    }
  }, 120_000);
});
