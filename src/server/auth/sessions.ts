/**
 * Signed-in sessions: a random token in an httpOnly, SameSite=Lax cookie, stored
 * only as its hash, with an anti-forgery token that state-changing requests must
 * echo in a header (a page on another site can send the cookie, never the header).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role, Tables } from '../db/tables.js';
import { newToken, tokenHash } from './tokens.js';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_DAYS = 14;

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export interface Auth {
  readonly user: SessionUser;
  readonly tokenHash: string;
  readonly csrfToken: string;
}

export function cookieValue(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The session a request's cookie names, if it exists and has not expired. */
export async function authOf(db: Kysely<Tables>, request: FastifyRequest, now: string): Promise<Auth | null> {
  const token = cookieValue(request, SESSION_COOKIE);
  if (!token) return null;
  const hash = tokenHash(token);
  const row = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hash).executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, tokenHash: hash, csrfToken: row.csrf_token };
}

export async function startSession(db: Kysely<Tables>, reply: FastifyReply, userId: string, now: Date, secure: boolean): Promise<string> {
  const token = newToken();
  const csrfToken = newToken(24);
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insertInto('sessions').values({
    token_hash: tokenHash(token), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expires.toISOString(),
  }).execute();
  reply.header('set-cookie', cookie(token, SESSION_DAYS * 86_400, secure));
  return csrfToken;
}

export async function endSession(db: Kysely<Tables>, reply: FastifyReply, auth: Auth | null, secure: boolean): Promise<void> {
  if (auth) await db.deleteFrom('sessions').where('token_hash', '=', auth.tokenHash).execute();
  reply.header('set-cookie', cookie('', 0, secure));
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
