/**
 * The server under test on real databases: SQLite in a fresh temporary file
 * always, and PostgreSQL in a fresh schema when TEST_DATABASE_URL is set.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import type { ServerContext } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/database.js';
import type { Role } from '../../src/server/db/tables.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { createUser } from '../../src/server/users.js';
import type { TrustProxy } from '../../src/server/proxy.js';
import type { LrsConfig } from '../../src/server/xapi/sender.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCENARIOS = join(ROOT, 'scenarios');
export const PASSWORD = 'correct horse battery';

export interface DatabaseUnderTest {
  readonly name: 'sqlite' | 'postgres';
  /** A URL to a database nobody else uses. */
  url(): Promise<string>;
}

const sqlite: DatabaseUnderTest = { name: 'sqlite', url: async () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'securebase-db-')), 'test.db')}` };

const created: string[] = [];

/** A fresh database per call (schemas would share Kysely's migration tables through introspection). */
const postgres: DatabaseUnderTest = {
  name: 'postgres',
  async url() {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `sb_test_${Math.random().toString(36).slice(2, 10)}`;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    created.push(name);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  },
};

/** Drops the PostgreSQL databases this test file created. */
export async function dropCreatedDatabases(): Promise<void> {
  if (!created.length) return;
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
  await client.connect();
  for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

/** The databases to run the server suites on: SQLite always, PostgreSQL when configured. */
export const DATABASES: readonly DatabaseUnderTest[] = process.env.TEST_DATABASE_URL ? [sqlite, postgres] : [sqlite];

export interface TestServer {
  readonly app: FastifyInstance;
  readonly ctx: ServerContext;
  user(role: Role, name?: string): Promise<Caller>;
  anonymous(): Caller;
  /** Stops the server; the database is dropped too unless kept for a restart. */
  close(keepDatabase?: boolean): Promise<void>;
}

export async function startTestServer(database: DatabaseUnderTest, options: { url?: string; scenarios?: string; lrs?: LrsConfig; client?: string; trustProxy?: TrustProxy; say?: (line: string) => void } = {}): Promise<TestServer> {
  const opened = await openDatabase(options.url ?? await database.url());
  const { app, ctx } = await buildApp({ database: opened, scenarios: options.scenarios ?? SCENARIOS, lrs: options.lrs ?? null, xapiIntervalMs: 50, ...(options.client ? { client: options.client } : {}), trustProxy: options.trustProxy ?? false, publicUrl: 'https://training.example.org/', ...(options.say ? { say: options.say } : {}) });
  await app.ready();
  let count = 0;
  const passwordHash = await hashPassword(PASSWORD);
  return {
    app, ctx,
    async user(role, name) {
      const label = name ?? `${role}-${++count}`;
      const email = `${label}@example.org`;
      const existing = await ctx.db.selectFrom('users').select(['id', 'email']).where('email', '=', email).executeTakeFirst();
      const user = existing ?? await createUser(ctx.db, { email, name: label, role, passwordHash }, new Date());
      const caller = new Caller(app, user.id);
      await caller.signIn(user.email, PASSWORD);
      return caller;
    },
    anonymous: () => new Caller(app, null),
    async close(keepDatabase = false) {
      await app.close();
      await opened.close();
      if (!keepDatabase) await dropCreatedDatabases();
    },
  };
}

/** One browser's view of the API: its cookie and anti-forgery token. */
export class Caller {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(private readonly app: FastifyInstance, readonly id: string | null) {}

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/api/session', { email, password });
    if (response.statusCode === 200) this.adopt(response);
    return response;
  }

  /** Keeps the session cookie and token a response hands out. */
  adopt(response: LightMyRequestResponse): void {
    const set = response.headers['set-cookie'];
    const first = Array.isArray(set) ? set[0] : set;
    if (first) this.cookie = first.split(';')[0]!;
    const body = response.json() as { csrfToken?: string | null };
    if (body.csrfToken) this.csrf = body.csrfToken;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  delete = (url: string) => this.request('DELETE', url);

  request(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method, url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  }
}
