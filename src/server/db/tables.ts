/**
 * The database's tables as Kysely sees them. Times are ISO 8601 strings in UTC
 * and ids are random UUIDs, so SQLite and PostgreSQL store them the same way.
 */
export type Role = 'admin' | 'supervisor' | 'trainee';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a leaked table cannot be replayed as cookies. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface CohortsTable {
  id: string;
  name: string;
  owner_id: string;
  created_at: string;
}

export interface MembershipsTable {
  cohort_id: string;
  user_id: string;
  joined_at: string;
}

export interface InvitesTable {
  code: string;
  cohort_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AssignmentsTable {
  id: string;
  cohort_id: string;
  scenario_id: string;
  mode: 'practice' | 'assessment';
  due_at: string;
  /** JSON: { trust, safety, repair }, each 0-100. */
  thresholds: string;
  created_by: string;
  created_at: string;
}

/** Every scenario and rubric version the server has seen, by content hash, so old attempts replay as played. */
export interface ContentVersionsTable {
  hash: string;
  kind: 'scenario' | 'rubric';
  /** The scenario's id; null for a rubric. */
  scenario_id: string | null;
  /** The parsed document as canonical JSON (what the hash is taken of). */
  document: string;
  first_seen_at: string;
}

export interface AttemptsTable {
  id: string;
  user_id: string;
  scenario_id: string;
  scenario_hash: string;
  rubric_hash: string;
  scoring_version: number;
  mode: 'practice' | 'assessment';
  assignment_id: string | null;
  started_at: string;
  finished_at: string | null;
  /** Derived by the server's replay of the stored turns; never sent by a client. */
  turn_count: number;
  trust: number;
  safety: number;
  repair: number | null;
  ending: string | null;
  outcome: string | null;
  /** JSON array of the critical flags raised. */
  flags: string;
  /** 1 or 0 once an ending is reached: the engine's verdict against the assignment's pass marks (or the defaults). */
  passed: number | null;
  /** When a supervisor signed the attempt off, and who. */
  signed_off_at: string | null;
  signed_off_by: string | null;
}

export interface TurnsTable {
  attempt_id: string;
  idx: number;
  beat_id: string;
  response_id: string;
  /** When the trainee chose, by the client's clock. */
  chosen_at: string;
  received_at: string;
  rating: number;
  trust: number;
  safety: number;
  /** The rupture marker met at this turn's beat, if any, and whether the response engaged it (1 or 0): derived by the engine. */
  marker: string | null;
  engaged: number | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  subject: string;
  detail: string;
}

/** xAPI statements waiting for the Learning Record Store, written in the same transaction as what they report. */
export interface XapiOutboxTable {
  /** The statement's own id: an LRS stores a statement id once, so a resend is harmless. */
  id: string;
  attempt_id: string;
  created_at: string;
  /** Order among statements written in the same millisecond. */
  ordinal: number;
  statement: string;
  sent_at: string | null;
  tries: number;
  next_try_at: string;
  last_error: string | null;
}

/** A supervisor's comment on an attempt, on one turn (by index) or on the whole. */
export interface CommentsTable {
  id: string;
  attempt_id: string;
  turn_index: number | null;
  author_id: string;
  body: string;
  created_at: string;
}

export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  cohorts: CohortsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  assignments: AssignmentsTable;
  content_versions: ContentVersionsTable;
  attempts: AttemptsTable;
  turns: TurnsTable;
  audit_log: AuditLogTable;
  xapi_outbox: XapiOutboxTable;
  comments: CommentsTable;
}
