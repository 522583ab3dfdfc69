/**
 * `securebase users create-admin --email E [--name N]`: creates an admin on the
 * database DATABASE_URL names. The password is asked for twice without echo on
 * a terminal, or read from the first line of standard input otherwise; it is
 * never an argument, so it never lands in shell history or a process list.
 */
import { createInterface } from 'node:readline';
import { ApiError } from '../api/errors.js';
import { CreateUserBody } from '../api/schemas.js';
import { hashPassword } from '../server/auth/passwords.js';
import { DEFAULT_DATABASE_URL, openDatabase } from '../server/db/database.js';
import { createUser } from '../server/users.js';
import { CliError, print, usageError } from './output.js';

export interface UsersOptions {
  readonly action: string | undefined;
  readonly email: string | undefined;
  readonly name: string | undefined;
}

export async function runUsers(options: UsersOptions): Promise<number> {
  if (options.action !== 'create-admin') throw usageError('"users" knows one action: create-admin --email you@example.org [--name "Your Name"]');
  if (!options.email) throw usageError('"users create-admin" needs --email');
  const password = await readPassword();
  const parsed = CreateUserBody.safeParse({ email: options.email, name: options.name ?? options.email.split('@')[0], role: 'admin', password });
  if (!parsed.success) throw usageError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const database = await openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  try {
    const user = await createUser(database.db, { ...parsed.data, passwordHash: await hashPassword(parsed.data.password) }, new Date());
    print(`Created admin ${user.email}. Sign in at the address "securebase serve" prints.`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError) throw new CliError('SB_CLI_DATABASE', error.message);
    throw error;
  } finally {
    await database.close();
  }
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    throw usageError('no password on standard input');
  }
  const first = await ask('Password (10 characters or more): ');
  const second = await ask('Again: ');
  if (first !== second) throw usageError('the two passwords differ');
  return first;
}

function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
  });
}
