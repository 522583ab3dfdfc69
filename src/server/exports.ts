/**
 * The rows of the CSV exports, for a programme's own analysis: every attempt
 * in scope with its trainee, scores and sign-off, and every turn of those
 * attempts. Columns are declared once, header beside value, so adding one is
 * one line.
 */
import type { Kysely } from 'kysely';
import type { ContentStore } from './content.js';
import type { CsvCell } from './csv.js';
import { toCsv } from './csv.js';
import type { AttemptsTable, Tables, TurnsTable } from './db/tables.js';

/** Which attempts an export covers: the trainees of these cohorts (null: everyone's), started in [from, to). */
export interface ExportScope {
  readonly cohortIds: readonly string[] | null;
  /** Milliseconds since the epoch; null leaves that end open. */
  readonly from: number | null;
  readonly to: number | null;
}

interface Column<Row> {
  readonly name: string;
  readonly value: (row: Row) => CsvCell;
}

interface AttemptExportRow extends AttemptsTable {
  trainee_name: string;
  trainee_email: string;
  signer_name: string | null;
  cohorts: readonly { id: string; name: string }[];
  scenario_title: string | null;
}

interface TurnExportRow extends TurnsTable {
  user_id: string;
}

const ATTEMPT_COLUMNS: readonly Column<AttemptExportRow>[] = [
  { name: 'attempt_id', value: (a) => a.id },
  { name: 'trainee_id', value: (a) => a.user_id },
  { name: 'trainee_name', value: (a) => a.trainee_name },
  { name: 'trainee_email', value: (a) => a.trainee_email },
  { name: 'cohort_ids', value: (a) => a.cohorts.map((c) => c.id).join(';') },
  { name: 'cohort_names', value: (a) => a.cohorts.map((c) => c.name).join(';') },
  { name: 'scenario_id', value: (a) => a.scenario_id },
  { name: 'scenario_title', value: (a) => a.scenario_title },
  { name: 'scenario_hash', value: (a) => a.scenario_hash },
  { name: 'rubric_hash', value: (a) => a.rubric_hash },
  { name: 'scoring_version', value: (a) => a.scoring_version },
  { name: 'mode', value: (a) => a.mode },
  { name: 'assignment_id', value: (a) => a.assignment_id },
  { name: 'started_at', value: (a) => a.started_at },
  { name: 'finished_at', value: (a) => a.finished_at },
  { name: 'turn_count', value: (a) => a.turn_count },
  { name: 'trust', value: (a) => a.trust },
  { name: 'safety', value: (a) => a.safety },
  { name: 'repair', value: (a) => a.repair },
  { name: 'ending', value: (a) => a.ending },
  { name: 'outcome', value: (a) => a.outcome },
  { name: 'critical_flags', value: (a) => (JSON.parse(a.flags) as string[]).join(';') },
  { name: 'passed', value: (a) => (a.passed === null ? null : a.passed === 1) },
  { name: 'signed_off_at', value: (a) => a.signed_off_at },
  { name: 'signed_off_by_id', value: (a) => a.signed_off_by },
  { name: 'signed_off_by_name', value: (a) => a.signer_name },
];

/** Trust and safety are the attempt's scores after this turn. */
const TURN_COLUMNS: readonly Column<TurnExportRow>[] = [
  { name: 'attempt_id', value: (t) => t.attempt_id },
  { name: 'trainee_id', value: (t) => t.user_id },
  { name: 'index', value: (t) => t.idx },
  { name: 'beat_id', value: (t) => t.beat_id },
  { name: 'response_id', value: (t) => t.response_id },
  { name: 'chosen_at', value: (t) => t.chosen_at },
  { name: 'received_at', value: (t) => t.received_at },
  { name: 'rating', value: (t) => t.rating },
  { name: 'trust', value: (t) => t.trust },
  { name: 'safety', value: (t) => t.safety },
  { name: 'marker', value: (t) => t.marker },
  { name: 'marker_recognised', value: (t) => (t.engaged === null ? null : t.engaged === 1) },
];

const render = <Row>(columns: readonly Column<Row>[], rows: readonly Row[]) =>
  toCsv(columns.map((c) => c.name), rows.map((row) => columns.map((c) => c.value(row))));

/**
 * Start times are compared as instants, not as text: a client may send its
 * start time with an offset, so the stored strings do not all sort as times.
 */
const startedWithin = (scope: ExportScope, startedAt: string) => {
  const at = Date.parse(startedAt);
  return (scope.from === null || at >= scope.from) && (scope.to === null || at < scope.to);
};
const byStart = (a: { started_at: string; id: string }, b: { started_at: string; id: string }) =>
  Date.parse(a.started_at) - Date.parse(b.started_at) || a.id.localeCompare(b.id);

export async function attemptsCsv(db: Kysely<Tables>, content: ContentStore, scope: ExportScope): Promise<string> {
  if (scope.cohortIds?.length === 0) return render(ATTEMPT_COLUMNS, []);
  const cohortIds = scope.cohortIds ?? [];
  const [attempts, memberships] = await Promise.all([
    db.selectFrom('attempts').innerJoin('users', 'users.id', 'attempts.user_id').leftJoin('users as signer', 'signer.id', 'attempts.signed_off_by')
      .selectAll('attempts').select(['users.name as trainee_name', 'users.email as trainee_email', 'signer.name as signer_name'])
      .$if(scope.cohortIds !== null, (q) => q.where('attempts.user_id', 'in', db.selectFrom('memberships').select('user_id').where('cohort_id', 'in', cohortIds)))
      .execute(),
    db.selectFrom('memberships').innerJoin('cohorts', 'cohorts.id', 'memberships.cohort_id')
      .select(['memberships.user_id', 'cohorts.id', 'cohorts.name'])
      .$if(scope.cohortIds !== null, (q) => q.where('memberships.cohort_id', 'in', cohortIds))
      .orderBy('cohorts.name').orderBy('cohorts.id').execute(),
  ]);
  const cohortsOf = new Map<string, { id: string; name: string }[]>();
  for (const m of memberships) cohortsOf.set(m.user_id, [...(cohortsOf.get(m.user_id) ?? []), { id: m.id, name: m.name }]);
  const titles = new Map<string, string | null>();
  const rows: AttemptExportRow[] = [];
  for (const attempt of attempts.filter((a) => startedWithin(scope, a.started_at)).sort(byStart)) {
    if (!titles.has(attempt.scenario_hash)) titles.set(attempt.scenario_hash, (await content.scenario(attempt.scenario_id, attempt.scenario_hash))?.title ?? null);
    rows.push({ ...attempt, cohorts: cohortsOf.get(attempt.user_id) ?? [], scenario_title: titles.get(attempt.scenario_hash) ?? null });
  }
  return render(ATTEMPT_COLUMNS, rows);
}

export async function turnsCsv(db: Kysely<Tables>, scope: ExportScope): Promise<string> {
  if (scope.cohortIds?.length === 0) return render(TURN_COLUMNS, []);
  const cohortIds = scope.cohortIds ?? [];
  const turns = await db.selectFrom('turns').innerJoin('attempts', 'attempts.id', 'turns.attempt_id')
    .selectAll('turns').select(['attempts.user_id', 'attempts.started_at'])
    .$if(scope.cohortIds !== null, (q) => q.where('attempts.user_id', 'in', db.selectFrom('memberships').select('user_id').where('cohort_id', 'in', cohortIds)))
    .execute();
  const rows = turns.filter((t) => startedWithin(scope, t.started_at))
    .sort((a, b) => byStart({ started_at: a.started_at, id: a.attempt_id }, { started_at: b.started_at, id: b.attempt_id }) || a.idx - b.idx);
  return render(TURN_COLUMNS, rows);
}
