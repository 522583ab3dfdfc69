/**
 * Who may see and change what, checked on the server for every request:
 * trainees their own work; supervisors the cohorts they own and those cohorts'
 * trainees; admins everything. What a caller may not see is reported as not
 * found, so ids of other people's work reveal nothing.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors.js';
import type { Auth } from './auth/sessions.js';
import type { Role, Tables } from './db/tables.js';

export function signedIn(request: FastifyRequest): Auth {
  if (!request.auth) throw new ApiError('SB_API_UNAUTHENTICATED');
  return request.auth;
}

export function withRole(request: FastifyRequest, ...roles: Role[]): Auth {
  const auth = signedIn(request);
  if (!roles.includes(auth.user.role)) throw new ApiError('SB_API_FORBIDDEN', `this needs the ${roles.join(' or ')} role`);
  return auth;
}

/** The cohort, if `auth` owns it or is an admin. */
export async function managedCohort(db: Kysely<Tables>, auth: Auth, cohortId: string) {
  const cohort = await db.selectFrom('cohorts').selectAll().where('id', '=', cohortId).executeTakeFirst();
  if (!cohort || (auth.user.role !== 'admin' && cohort.owner_id !== auth.user.id)) throw new ApiError('SB_API_NOT_FOUND', 'no such cohort');
  return cohort;
}

/** Whether `auth` may see `userId`'s attempts. */
export async function maySeeUser(db: Kysely<Tables>, auth: Auth, userId: string): Promise<boolean> {
  if (auth.user.role === 'admin' || auth.user.id === userId) return true;
  if (auth.user.role !== 'supervisor') return false;
  const shared = await db.selectFrom('memberships').innerJoin('cohorts', 'cohorts.id', 'memberships.cohort_id')
    .select('cohorts.id').where('memberships.user_id', '=', userId).where('cohorts.owner_id', '=', auth.user.id).executeTakeFirst();
  return shared !== undefined;
}
