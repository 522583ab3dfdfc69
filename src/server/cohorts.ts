/**
 * Cohorts, invites, joining and assignments: what the routes do once they have
 * checked who is asking, shared so every way in (the API, the demo) stores the
 * same rows.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import { DEFAULT_THRESHOLDS } from '../engine/index.js';
import type { Thresholds } from '../engine/index.js';
import { audit } from './audit.js';
import type { Auth } from './auth/sessions.js';
import { newToken } from './auth/tokens.js';
import type { ServerContext } from './context.js';
import type { AssignmentsTable, CohortsTable } from './db/tables.js';

type Ctx = Pick<ServerContext, 'db' | 'now' | 'content'>;

export async function createCohort(ctx: Ctx, owner: Auth, name: string): Promise<CohortsTable> {
  const cohort = { id: randomUUID(), name, owner_id: owner.user.id, created_at: ctx.now().toISOString() };
  await ctx.db.insertInto('cohorts').values(cohort).execute();
  return cohort;
}

export async function createInvite(ctx: Ctx, by: Auth, cohortId: string, days: number) {
  const code = newToken(12);
  const expiresAt = new Date(ctx.now().getTime() + days * 86_400_000).toISOString();
  await ctx.db.insertInto('invites').values({ code, cohort_id: cohortId, created_by: by.user.id, created_at: ctx.now().toISOString(), expires_at: expiresAt, revoked_at: null }).execute();
  return { code, path: `/join/${code}`, expiresAt };
}

/** Adds the trainee to the invite's cohort; joining twice is harmless. */
export async function joinCohort(ctx: Ctx, userId: string, invite: { readonly code: string; readonly cohort_id: string }): Promise<void> {
  await ctx.db.insertInto('memberships').values({ cohort_id: invite.cohort_id, user_id: userId, joined_at: ctx.now().toISOString() })
    .onConflict((c) => c.columns(['cohort_id', 'user_id']).doNothing()).execute();
  await audit(ctx, userId, 'cohort.joined', `cohort:${invite.cohort_id}`, { invite: invite.code.slice(0, 4) });
}

export interface NewAssignment {
  readonly scenarioId: string;
  readonly mode: AssignmentsTable['mode'];
  readonly dueAt: string;
  readonly thresholds?: Thresholds | undefined;
}

/** An assignment of a scenario in the current library, with its pass marks (the defaults if none are given). */
export async function createAssignment(ctx: Ctx, by: Auth, cohortId: string, body: NewAssignment): Promise<AssignmentsTable> {
  if (!ctx.content.current.has(body.scenarioId)) throw new ApiError('SB_API_UNKNOWN_CONTENT', `the library has no scenario "${body.scenarioId}"`);
  const row: AssignmentsTable = {
    id: randomUUID(), cohort_id: cohortId, scenario_id: body.scenarioId, mode: body.mode, due_at: new Date(body.dueAt).toISOString(),
    thresholds: JSON.stringify(body.thresholds ?? DEFAULT_THRESHOLDS), created_by: by.user.id, created_at: ctx.now().toISOString(),
  };
  await ctx.db.insertInto('assignments').values(row).execute();
  return row;
}
