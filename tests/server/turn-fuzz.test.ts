/**
 * Random and malformed bodies thrown at the turn endpoint: never a 5xx, and
 * whatever is stored is a sequence of turns the engine itself accepts, with the
 * scores the engine derives.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, startTestServer } from './harness.js';
import type { Caller, TestServer } from './harness.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);
const beatIds = Object.keys(maya.scenario.beats);
const responseIds = [...new Set(Object.values(maya.scenario.beats).flatMap((beat) => beat.responses.map((r) => r.id)))];

/** Bodies from plausible (real beat and response ids, nearby indexes) to junk of any shape. */
const turnBody = (attemptId: string) => fc.oneof(
  fc.record({
    attemptId: fc.constantFrom(attemptId, randomUUID(), 'not-a-uuid'),
    index: fc.oneof(fc.integer({ min: -2, max: 14 }), fc.double(), fc.string()),
    beatId: fc.oneof(fc.constantFrom(...beatIds), fc.string()),
    responseId: fc.oneof(fc.constantFrom(...responseIds), fc.string()),
    at: fc.oneof(fc.constant(new Date().toISOString()), fc.string()),
  }, { requiredKeys: [] }),
  fc.record({ attemptId: fc.constant(attemptId), index: fc.nat(12), beatId: fc.constantFrom(...beatIds), responseId: fc.constantFrom(...responseIds), at: fc.constant(new Date().toISOString()), extra: fc.anything() }),
  fc.anything(),
  fc.string(),
);

describe.each(DATABASES)('the turn endpoint under random input on $name', (database) => {
  let server: TestServer;
  let trainee: Caller;
  beforeAll(async () => {
    server = await startTestServer(database);
    trainee = await server.user('trainee');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('never answers 5xx, and stores only turns the engine accepts', async () => {
    const attemptId = randomUUID();
    await trainee.post('/api/attempts', { id: attemptId, scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode: 'practice', startedAt: new Date().toISOString() });
    await fc.assert(fc.asyncProperty(turnBody(attemptId), fc.boolean(), async (body, raw) => {
      const payload = raw && typeof body === 'string' ? body : JSON.stringify(body ?? null);
      const response = await trainee.request('POST', `/api/attempts/${attemptId}/turns`, payload);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.json()).toBeTypeOf('object');
    }), { numRuns: RUNS });

    const { attempt, turns } = (await trainee.get(`/api/attempts/${attemptId}`)).json();
    const result = replay(maya.scenario, rubric, turns.map((t: { responseId: string }) => t.responseId));
    expect(turns.map((t: { beatId: string }) => t.beatId)).toEqual(result.turns.map((t) => t.beat));
    expect(attempt.scores).toEqual(result.scores);
  });
});
