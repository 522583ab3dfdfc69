/**
 * The schema's versions, oldest first. One list for SQLite and PostgreSQL: only
 * types both understand (text, integer), no dialect-specific defaults. Kysely's
 * migrator records what has run in its own table and runs the rest in order.
 * Never edit a migration that has shipped; add the next one.
 */
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('setup_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createTable('cohorts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('memberships')
      .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['cohort_id', 'user_id'])
      .execute();
    await db.schema.createTable('invites')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('thresholds', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('content_versions')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('scenario_id', 'text')
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('scenario_hash', 'text', (c) => c.notNull().references('content_versions.hash'))
      .addColumn('rubric_hash', 'text', (c) => c.notNull().references('content_versions.hash'))
      .addColumn('scoring_version', 'integer', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('assignment_id', 'text', (c) => c.references('assignments.id').onDelete('set null'))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('turn_count', 'integer', (c) => c.notNull())
      .addColumn('trust', 'integer', (c) => c.notNull())
      .addColumn('safety', 'integer', (c) => c.notNull())
      .addColumn('repair', 'integer')
      .addColumn('ending', 'text')
      .addColumn('outcome', 'text')
      .addColumn('flags', 'text', (c) => c.notNull())
      .addColumn('passed', 'integer')
      .execute();
    await db.schema.createIndex('attempts_by_user').on('attempts').columns(['user_id', 'started_at']).execute();
    await db.schema.createTable('turns')
      .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
      .addColumn('idx', 'integer', (c) => c.notNull())
      .addColumn('beat_id', 'text', (c) => c.notNull())
      .addColumn('response_id', 'text', (c) => c.notNull())
      .addColumn('chosen_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('trust', 'integer', (c) => c.notNull())
      .addColumn('safety', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('turns_pk', ['attempt_id', 'idx'])
      .execute();
    await db.schema.createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
  },
};

const xapiOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('xapi_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('ordinal', 'integer', (c) => c.notNull())
      .addColumn('statement', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('tries', 'integer', (c) => c.notNull())
      .addColumn('next_try_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('xapi_outbox_pending').on('xapi_outbox').columns(['sent_at', 'next_try_at']).execute();
  },
};

const review: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
      .addColumn('turn_index', 'integer')
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comments_by_attempt').on('comments').columns(['attempt_id', 'created_at']).execute();
    await db.schema.alterTable('attempts').addColumn('signed_off_at', 'text').execute();
    await db.schema.alterTable('attempts').addColumn('signed_off_by', 'text').execute();
  },
};

/** Which marker each turn met and whether it was recognised, so programme pages can count without replaying. */
const markerRecognition: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('turns').addColumn('marker', 'text').execute();
    await db.schema.alterTable('turns').addColumn('engaged', 'integer').execute();
    await db.schema.createIndex('attempts_by_start').on('attempts').column('started_at').execute();
  },
};

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-xapi-outbox': xapiOutbox,
  '0003-review': review,
  '0004-marker-recognition': markerRecognition,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
