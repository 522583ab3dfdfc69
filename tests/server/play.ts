/** Playing Maya's scenario through the API in tests: an attempt started when you say, with the choices you name. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import type { Caller } from './harness.js';

const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);

/** The best path to an ending. */
export const MAYA_BEST = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];
/** Misses the risk cue: raises a critical flag. */
export const MAYA_RISK_MISSED = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'heavy-nights', 'what-helps'];

export async function play(caller: Caller, choices: readonly string[], options: { startedAt?: string; finish?: boolean; mode?: 'practice' | 'assessment'; assignmentId?: string } = {}): Promise<string> {
  const id = randomUUID();
  const started = await caller.post('/api/attempts', {
    id, scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode: options.mode ?? 'practice', startedAt: options.startedAt ?? new Date().toISOString(),
    ...(options.assignmentId ? { assignmentId: options.assignmentId } : {}),
  });
  expect(started.statusCode).toBe(201);
  const beats = replay(maya.scenario, rubric, choices).turns.map((t) => t.beat);
  for (const [index, responseId] of choices.entries()) {
    const turn = await caller.post(`/api/attempts/${id}/turns`, { attemptId: id, index, beatId: beats[index], responseId, at: new Date().toISOString() });
    expect(turn.statusCode).toBe(201);
  }
  if (options.finish) expect((await caller.post(`/api/attempts/${id}/finish`, { at: new Date().toISOString() })).statusCode).toBe(200);
  return id;
}

/** A cohort owned by `supervisor`, joined by each of `trainees`. */
export async function cohortOf(supervisor: Caller, name: string, trainees: readonly Caller[]): Promise<string> {
  const cohort = (await supervisor.post('/api/cohorts', { name })).json().cohort.id as string;
  const code = (await supervisor.post(`/api/cohorts/${cohort}/invites`, {})).json().invite.code as string;
  for (const trainee of trainees) expect((await trainee.post(`/api/invites/${code}/join`, {})).statusCode).toBe(201);
  return cohort;
}

export async function inviteCode(supervisor: Caller, cohortId: string): Promise<string> {
  return (await supervisor.post(`/api/cohorts/${cohortId}/invites`, {})).json().invite.code as string;
}
