/**
 * `securebase backup <file>`: a consistent copy of the SQLite database while the
 * server runs (SQLite's online backup, page by page, never a half-written file).
 * PostgreSQL has its own tools; docs/operations.md says which.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { DEFAULT_DATABASE_URL, isPostgresUrl } from '../server/db/database.js';
import { CliError, print, usageError } from './output.js';

export async function runBackup(target: string): Promise<number> {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  if (isPostgresUrl(url)) throw usageError('DATABASE_URL is PostgreSQL; back it up with pg_dump (see docs/operations.md)');
  const source = resolve(url.replace(/^sqlite:(\/\/)?/, ''));
  if (!existsSync(source)) throw new CliError('SB_FILE_NOT_FOUND', `${source}: no database here yet; start the server once to create it`);
  const destination = resolve(target);
  if (existsSync(destination)) throw usageError(`${destination} already exists; choose a new file name`);
  const database = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await database.backup(destination);
  } finally {
    database.close();
  }
  print(`Backed up ${source} to ${destination}`);
  return 0;
}
