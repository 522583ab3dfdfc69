/**
 * How fast the programme and supervisors' pages answer on the demo database
 * (forty trainees, twelve weeks of attempts), over real HTTP on loopback, and
 * whether the programme page answers in under 200 ms. Figures are also given as
 * ratios to a baseline measured in the same run (the session endpoint, which
 * reads one row), because these machines are noisy.
 *
 *   npm run bench            (both benchmarks)
 *   npx tsx bench/program-pages.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/program-pages.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { DEMO_PASSWORD, fillDemo } from '../src/server/demo/fill.js';

const TARGET_MS = 200;
const RUNS = 30;
const ROOT = join(import.meta.dirname, '..');

/** A fresh database: a temporary SQLite file, or a new PostgreSQL database beside BENCH_DATABASE_URL. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    const folder = mkdtempSync(join(tmpdir(), 'securebase-bench-'));
    return { url: `sqlite:${join(folder, 'bench.db')}`, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `sb_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;

async function main(): Promise<void> {
  const target = await freshDatabase();
  const filling = await openDatabase(target.url, { bulkLoad: true });
  const fillStart = performance.now();
  const summary = await fillDemo(filling, { seed: 1, scenarios: join(ROOT, 'scenarios') });
  const fillMs = performance.now() - fillStart;
  await filling.close();

  // The server as it runs in production: full durability, the same app, a real port.
  const database = await openDatabase(target.url);
  const { app, ctx } = await buildApp({ database, scenarios: join(ROOT, 'scenarios') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const signIn = async (email: string) => {
      const response = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
      return response.headers.get('set-cookie')!.split(';')[0]!;
    };
    const admin = summary.accounts.find((a) => a.role === 'admin')!;
    const supervisor = summary.accounts.find((a) => a.role === 'supervisor')!;
    const [adminCookie, supervisorCookie] = [await signIn(admin.email), await signIn(supervisor.email)];
    const cohort = await ctx.db.selectFrom('cohorts').innerJoin('users', 'users.id', 'cohorts.owner_id')
      .select('cohorts.id').where('users.email', '=', supervisor.email).orderBy('cohorts.name').executeTakeFirstOrThrow();
    const attempt = await ctx.db.selectFrom('attempts').innerJoin('memberships', 'memberships.user_id', 'attempts.user_id')
      .select('attempts.id').where('memberships.cohort_id', '=', cohort.id).where('attempts.finished_at', 'is not', null)
      .orderBy('attempts.started_at', 'desc').executeTakeFirstOrThrow();

    const time = async (path: string, cookie: string): Promise<{ median: number; p95: number; bytes: number }> => {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS + 3; i++) {
        const start = performance.now();
        const response = await fetch(`${base}${path}`, { headers: { cookie } });
        const body = await response.arrayBuffer();
        const elapsed = performance.now() - start;
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        bytes = body.byteLength;
        // The first few warm the caches and the JIT, as a server that has been up a while would be.
        if (i >= 3) samples.push(elapsed);
      }
      return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), bytes };
    };

    const baseline = await time('/api/session', adminCookie);
    const rows: [string, { median: number; p95: number; bytes: number }][] = [
      ['GET /api/program (last 12 weeks)', await time('/api/program', adminCookie)],
      ['GET /api/program (one week)', await time(`/api/program?from=${new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)}`, adminCookie)],
      ['GET /api/cohorts/:id/board', await time(`/api/cohorts/${cohort.id}/board`, supervisorCookie)],
      ['GET /api/attempts?cohortId', await time(`/api/attempts?cohortId=${cohort.id}`, supervisorCookie)],
      ['GET /api/attempts/:id/review', await time(`/api/attempts/${attempt.id}/review`, supervisorCookie)],
      ['GET /api/exports/attempts.csv', await time('/api/exports/attempts.csv', adminCookie)],
    ];

    const c = summary.counts;
    console.log(`Programme and supervisors' pages on the demo database (${database.dialect}; ${c.trainees} trainees, ${c.attempts} attempts, ${c.turns} turns; filled in ${(fillMs / 1000).toFixed(1)} s)`);
    console.log(`${RUNS} requests each over HTTP on loopback, after 3 to warm up\n`);
    console.log('endpoint                          median     p95      × baseline   size');
    const line = (name: string, r: { median: number; p95: number; bytes: number }) =>
      console.log(`${name.padEnd(33)} ${r.median.toFixed(1).padStart(6)} ms ${r.p95.toFixed(1).padStart(6)} ms ${(r.median / baseline.median).toFixed(1).padStart(8)}x  ${(r.bytes / 1024).toFixed(0).padStart(5)} KB`);
    line('GET /api/session (baseline)', baseline);
    for (const [name, r] of rows) line(name, r);
    const program = rows[0]![1];
    const verdict = program.p95 < TARGET_MS && rows.every(([, r]) => r.median < TARGET_MS);
    console.log(`\n${verdict ? 'PASS' : 'FAIL'}: target is every page's data under ${TARGET_MS} ms (median), and the programme page's p95 too; the programme page's p95 was ${program.p95.toFixed(0)} ms.`);
    process.exitCode = verdict ? 0 : 1;
  } finally {
    await app.close();
    await database.close();
    await target.drop();
  }
}

await main();
