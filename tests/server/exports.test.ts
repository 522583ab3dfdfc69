/**
 * The CSV exports read back as CSV: every stored attempt and turn in scope,
 * quoted per RFC 4180, with typed text that a spreadsheet would run as a
 * formula defused; filtered by cohort and start time; refused to trainees and
 * to supervisors outside their own cohorts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerEncounterAt, replay } from '../../src/engine/index.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, PASSWORD, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';
import { MAYA_BEST, MAYA_RISK_MISSED, cohortOf, inviteCode, play } from './play.js';

const { rubric } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric).scenario;

/** An independent RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function readCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else if (ch === '\n' || ch === '\r' || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} outside quotes at ${i}`);
    else field += ch;
  }
  if (field !== '' || record.length) throw new Error('the last record does not end with CRLF');
  const [header, ...rows] = records;
  return rows.map((row) => {
    expect(row).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, i) => [name, row[i]!]));
  });
}

const TRICKY_NAME = '=Smith, "Jo"';

describe.each(DATABASES)('CSV exports on $name', (database) => {
  let server: TestServer;
  let admin: Caller, ownSupervisor: Caller, otherSupervisor: Caller, tricky: Caller, other: Caller;
  let cohortA: string, cohortB: string;
  let januaryAttempt: string, februaryAttempt: string, otherAttempt: string;

  beforeAll(async () => {
    server = await startTestServer(database);
    admin = await server.user('admin');
    ownSupervisor = await server.user('supervisor', 'dr-own');
    otherSupervisor = await server.user('supervisor', 'dr-other');
    other = await server.user('trainee', 'other-trainee');
    cohortA = await cohortOf(ownSupervisor, 'Cohort A, 2026', []);
    cohortB = await cohortOf(otherSupervisor, 'Cohort B', [other]);
    // The tricky name comes in as a trainee types it, joining with an invite.
    tricky = server.anonymous();
    const joined = await tricky.post(`/api/invites/${await inviteCode(ownSupervisor, cohortA)}/join`, { email: 'tricky@example.org', name: TRICKY_NAME, password: PASSWORD });
    expect(joined.statusCode).toBe(201);
    tricky.adopt(joined);
    januaryAttempt = await play(tricky, MAYA_BEST, { startedAt: '2026-01-10T09:00:00.000Z', finish: true });
    // Started with an offset: 07:00 UTC on 1 February.
    februaryAttempt = await play(tricky, MAYA_BEST.slice(0, 3), { startedAt: '2026-02-01T09:00:00+02:00' });
    otherAttempt = await play(other, MAYA_RISK_MISSED, { startedAt: '2026-01-20T09:00:00.000Z' });
    expect((await ownSupervisor.post(`/api/attempts/${januaryAttempt}/sign-off`, {})).statusCode).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  const attemptsCsv = async (caller: Caller, query = '') => {
    const response = await caller.get(`/api/exports/attempts.csv${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return { response, rows: readCsv(response.body) };
  };
  const ids = (rows: Record<string, string>[]) => rows.map((r) => r.attempt_id);

  it('exports every attempt as stored, quoted and with formulas defused', async () => {
    const { response, rows } = await attemptsCsv(admin);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="securebase-attempts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body.split('\r\n')[0]).toBe('attempt_id,trainee_id,trainee_name,trainee_email,cohort_ids,cohort_names,scenario_id,scenario_title,scenario_hash,rubric_hash,'
      + 'scoring_version,mode,assignment_id,started_at,finished_at,turn_count,trust,safety,repair,ending,outcome,critical_flags,passed,signed_off_at,signed_off_by_id,signed_off_by_name');
    // Oldest first, by instant.
    expect(ids(rows)).toEqual([januaryAttempt, otherAttempt, februaryAttempt]);
    expect(response.body).toContain(`"'=Smith, ""Jo"""`);
    expect(response.body).toContain('"Cohort A, 2026"');
    for (const row of rows) {
      const { attempt } = (await admin.get(`/api/attempts/${row.attempt_id}`)).json();
      const optional = (value: unknown) => (value === null ? '' : String(value));
      expect(row).toMatchObject({
        trainee_id: attempt.userId, scenario_id: attempt.scenarioId, scenario_title: 'Maya: after the cancelled session', scenario_hash: attempt.scenarioHash,
        rubric_hash: attempt.rubricHash, scoring_version: String(attempt.scoringVersion), mode: attempt.mode, assignment_id: optional(attempt.assignmentId),
        started_at: attempt.startedAt, finished_at: optional(attempt.finishedAt), turn_count: String(attempt.turnCount),
        trust: String(attempt.scores.trust), safety: String(attempt.scores.safety), repair: optional(attempt.scores.repair),
        ending: optional(attempt.ending), outcome: optional(attempt.outcome), critical_flags: attempt.flags.join(';'), passed: optional(attempt.passed),
        signed_off_at: optional(attempt.signedOffAt),
      });
    }
    const january = rows[0]!;
    expect(january).toMatchObject({ trainee_name: `'${TRICKY_NAME}`, trainee_email: 'tricky@example.org', cohort_ids: cohortA, cohort_names: 'Cohort A, 2026', passed: 'true', signed_off_by_id: ownSupervisor.id, signed_off_by_name: 'dr-own' });
    expect(january.signed_off_at).not.toBe('');
    expect(rows[1]!.critical_flags).toContain('risk_not_assessed');
    expect(rows[2]).toMatchObject({ finished_at: '', repair: expect.any(String), ending: '', passed: '' });
  });

  it('exports every turn as stored, after each turn\'s scores', async () => {
    const response = await admin.get('/api/exports/turns.csv');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="securebase-turns-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = readCsv(response.body);
    expect(Object.keys(rows[0]!)).toEqual(['attempt_id', 'trainee_id', 'index', 'beat_id', 'response_id', 'chosen_at', 'received_at', 'rating', 'trust', 'safety', 'marker', 'marker_recognised']);
    const expected = [];
    for (const id of [januaryAttempt, otherAttempt, februaryAttempt]) {
      const { attempt, turns } = (await admin.get(`/api/attempts/${id}`)).json();
      // Which marker each turn met, and whether it was recognised, as the engine judges the same choices.
      const result = replay(maya, rubric, turns.map((t: { responseId: string }) => t.responseId));
      for (const t of turns) {
        const met = markerEncounterAt(maya, rubric, result, t.index);
        expected.push({
          attempt_id: id, trainee_id: attempt.userId, index: String(t.index), beat_id: t.beatId, response_id: t.responseId, chosen_at: t.at, received_at: t.receivedAt,
          rating: String(t.rating), trust: String(t.trust), safety: String(t.safety), marker: met?.marker ?? '', marker_recognised: met ? String(met.engaged) : '',
        });
      }
    }
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(MAYA_BEST.length + MAYA_RISK_MISSED.length + 3);
  });

  it('filters by cohort and by start time, a date alone taking in the whole day', async () => {
    expect(ids((await attemptsCsv(admin, `?cohortId=${cohortB}`)).rows)).toEqual([otherAttempt]);
    expect(ids((await attemptsCsv(admin, '?from=2026-01-15')).rows)).toEqual([otherAttempt, februaryAttempt]);
    expect(ids((await attemptsCsv(admin, '?to=2026-01-20')).rows)).toEqual([januaryAttempt, otherAttempt]);
    expect(ids((await attemptsCsv(admin, '?from=2026-02-01T06:59:00Z&to=2026-02-01T07:01:00Z')).rows)).toEqual([februaryAttempt]);
    expect(ids((await attemptsCsv(admin, `?cohortId=${cohortA}&from=2026-01-01&to=2026-01-31`)).rows)).toEqual([januaryAttempt]);
    const turns = readCsv((await admin.get(`/api/exports/turns.csv?cohortId=${cohortA}&to=2026-01-31`)).body);
    expect(new Set(turns.map((t) => t.attempt_id))).toEqual(new Set([januaryAttempt]));
    expect(turns).toHaveLength(MAYA_BEST.length);
  });

  it('gives a supervisor their own cohorts only, all of them when none is named', async () => {
    expect(ids((await attemptsCsv(ownSupervisor)).rows)).toEqual([januaryAttempt, februaryAttempt]);
    expect(ids((await attemptsCsv(ownSupervisor, `?cohortId=${cohortA}`)).rows)).toEqual([januaryAttempt, februaryAttempt]);
    const turns = readCsv((await ownSupervisor.get('/api/exports/turns.csv')).body);
    expect(new Set(turns.map((t) => t.attempt_id))).toEqual(new Set([januaryAttempt, februaryAttempt]));
    // A supervisor with no cohorts gets the header alone.
    const empty = await server.user('supervisor');
    expect((await empty.get('/api/exports/attempts.csv')).body.split('\r\n')).toEqual([expect.stringMatching(/^attempt_id,/), '']);
  });

  it('refuses trainees, other supervisors\' cohorts, and bad queries', async () => {
    for (const path of ['attempts.csv', 'turns.csv']) {
      const trainee = await tricky.get(`/api/exports/${path}`);
      expect(trainee.statusCode).toBe(403);
      expect(trainee.json().code).toBe('SB_API_FORBIDDEN');
      const foreign = await ownSupervisor.get(`/api/exports/${path}?cohortId=${cohortB}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual({ code: 'SB_API_NOT_FOUND', message: 'no such cohort' });
      expect((await server.anonymous().get(`/api/exports/${path}`)).statusCode).toBe(401);
    }
    for (const query of ['?from=yesterday', '?cohortId=not-a-uuid', '?format=xlsx', '?from=2026-02-01&to=2026-01-01']) {
      const response = await admin.get(`/api/exports/attempts.csv${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('SB_API_INVALID');
    }
  });
});
