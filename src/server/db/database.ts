/**
 * Opens the database a URL names, migrated to the latest schema.
 *
 *   sqlite:./data/securebase.db   (the default; a bare path works too)
 *   postgres://user@host:5432/db
 *
 * SQLite runs in WAL mode with synchronous=FULL: a commit returns only once it
 * is on disk, so a turn is acknowledged only when it would survive a power cut.
 * PostgreSQL gives the same guarantee with its default synchronous_commit.
 * A bulk load that can simply be run again (the demo) may ask for
 * synchronous=NORMAL instead: still never corrupt, but a power cut can lose the
 * last commits, and it does not wait for the disk on every one.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations.js';
import type { Tables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** The SQLite file, for backups; null on PostgreSQL. */
  readonly sqliteFile: string | null;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/securebase.db';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export interface OpenOptions {
  /** SQLite only: commit without waiting for the disk, for a load that can be redone. */
  readonly bulkLoad?: boolean;
}

export async function openDatabase(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Promise<Database> {
  const database = isPostgresUrl(url) ? openPostgres(url) : openSqlite(url, options);
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(url: string, options: OpenOptions): Database {
  const file = url === ':memory:' ? ':memory:' : resolve(url.replace(/^sqlite:(\/\/)?/, ''));
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(options.bulkLoad ? 'synchronous = NORMAL' : 'synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqliteFile: file === ':memory:' ? null : file, close: () => db.destroy() };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The pool's end() resolves before its connections have closed; closing waits for them too.
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    const ended: Promise<void> = new Promise((done) => client.once('end', () => {
      open.delete(ended);
      done();
    }));
    open.add(ended);
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqliteFile: null, close: async () => {
    await db.destroy();
    await Promise.all(open);
  } };
}
