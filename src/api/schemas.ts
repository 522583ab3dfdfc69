/**
 * The HTTP API's request bodies, parameters and queries, shared by the browser
 * (which builds them) and the server (which refuses anything else). Every
 * object is strict: an unknown field is an error, not something ignored.
 */
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, vocabulary } from '../engine/index.js';
import { INVITE_CODE } from './patterns.js';

const id = z.uuid();
const isoTime = z.iso.datetime({ offset: true });
const kebabId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/).max(200);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const email = z.email().max(254).transform((value) => value.toLowerCase());
const password = z.string().min(10, { error: 'must be at least 10 characters' }).max(200);
const name = z.string().trim().min(1).max(120);
const score = z.int().min(0).max(100);

export const ROLES = ['admin', 'supervisor', 'trainee'] as const;
export const MODES = ['practice', 'assessment'] as const;

export const SignInBody = z.strictObject({ email, password: z.string().min(1).max(200) });
export const SetupBody = z.strictObject({ token: z.string().min(16).max(200), email, name, password });
export const CreateUserBody = z.strictObject({ email, name, role: z.enum(ROLES), password });
export const CreateCohortBody = z.strictObject({ name });
export const CreateInviteBody = z.strictObject({ days: z.int().min(1).max(90).default(14) });
/** Joining with an invite: signed in already, or creating a trainee account in the same step. */
export const JoinBody = z.strictObject({ email: email.optional(), name: name.optional(), password: password.optional() });
/**
 * An assignment's pass marks: Trust, Safety and Repair each at least this much,
 * and an ending whose outcome is none of `failingOutcomes` (by default a dropout).
 */
export const ThresholdsBody = z.strictObject({
  trust: score,
  safety: score,
  repair: score,
  failingOutcomes: z.array(z.enum(vocabulary.OUTCOMES))
    .refine((outcomes) => new Set(outcomes).size === outcomes.length, { error: 'must name each outcome once' })
    .default(() => [...(DEFAULT_THRESHOLDS.failingOutcomes ?? [])]),
});
export const CreateAssignmentBody = z.strictObject({
  scenarioId: kebabId,
  dueAt: isoTime,
  mode: z.enum(MODES),
  thresholds: ThresholdsBody.optional(),
});
export const StartAttemptBody = z.strictObject({
  id,
  scenarioId: kebabId,
  scenarioHash: hash,
  rubricHash: hash,
  mode: z.enum(MODES),
  assignmentId: id.nullable().default(null),
  startedAt: isoTime,
});
export const TurnBody = z.strictObject({
  attemptId: id,
  index: z.int().min(0).max(10_000),
  beatId: kebabId,
  responseId: kebabId,
  at: isoTime,
});
export const FinishBody = z.strictObject({ at: isoTime });
/** Practice mode's one step back: the last stored turn, named so a stale retry cannot remove another. */
export const StepBackBody = z.strictObject({ index: z.int().min(0).max(10_000) });

export const CommentBody = z.strictObject({
  /** The turn commented on, from 0; null for the attempt as a whole. */
  turnIndex: z.int().min(0).max(10_000).nullable(),
  body: z.string().trim().min(1).max(4000),
});
export const SignOffBody = z.strictObject({});

export const IdParams = z.strictObject({ id });
export const CodeParams = z.strictObject({ code: z.string().regex(INVITE_CODE) });
export const AttemptsQuery = z.strictObject({ userId: id.optional(), cohortId: id.optional() });

const dateOrTime = z.union([z.iso.date(), isoTime], { error: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset' });
/** The CSV exports: one cohort or every attempt you may see, by when attempts started (`to` on a date alone takes in that whole day). */
export const ExportQuery = z.strictObject({ cohortId: id.optional(), from: dateOrTime.optional(), to: dateOrTime.optional() });
/** The programme page: attempts started in the range (`to` on a date alone takes in that whole day). */
export const ProgramQuery = z.strictObject({ from: dateOrTime.optional(), to: dateOrTime.optional() });
/** Deleting an account on request: the account's email, typed again, so a wrong id deletes nothing. */
export const DeleteUserBody = z.strictObject({ confirm: email });
export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Only entries about this subject, e.g. `user:<id>`. */
  subject: z.string().min(1).max(200).optional(),
});

/** What a client sends: the schemas' input types, so a request the browser builds is checked against them when compiled. */
export type StartAttemptRequest = z.input<typeof StartAttemptBody>;
export type TurnBodyRequest = z.input<typeof TurnBody>;
export type StepBackRequest = z.input<typeof StepBackBody>;
export type FinishRequest = z.input<typeof FinishBody>;
export type CreateAssignmentRequest = z.input<typeof CreateAssignmentBody>;
export type CreateUserRequest = z.input<typeof CreateUserBody>;
export type CommentRequest = z.input<typeof CommentBody>;
export type ExportRequest = z.input<typeof ExportQuery>;
export type DeleteUserRequest = z.input<typeof DeleteUserBody>;

export type SignIn = z.infer<typeof SignInBody>;
export type StartAttempt = z.infer<typeof StartAttemptBody>;
export type TurnRequest = z.infer<typeof TurnBody>;
