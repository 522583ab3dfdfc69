/** Creating accounts: one place, so an email is always stored lower-case and a taken one is a clear conflict. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors.js';
import type { Role, Tables } from './db/tables.js';

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
}

export async function createUser(db: Kysely<Tables>, user: NewUser, now: Date) {
  const email = user.email.toLowerCase();
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
    throw new ApiError('SB_API_CONFLICT', `an account with ${email} already exists`);
  }
  const row = { id: randomUUID(), email, name: user.name, role: user.role, password_hash: user.passwordHash, created_at: now.toISOString() };
  await db.insertInto('users').values(row).execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
