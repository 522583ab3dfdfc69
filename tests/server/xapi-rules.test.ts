/** The xAPI rule checker itself catches what a strict LRS would refuse, so the statement tests can fail. */
import { describe, expect, it } from 'vitest';
import { StatementBuilder, isoDuration } from '../../src/server/xapi/statements.js';
import { xapiProblems } from '../support/xapi.js';

const attempt = {
  id: '3f1c2a9e-8d1b-4c55-9a0e-7b6f1d2c3e4f', userId: 'u1', userName: 'Tam', scenarioId: 'maya-after-cancellation', scenarioTitle: 'Maya',
  scenarioHash: 'a'.repeat(64), rubricHash: 'b'.repeat(64), mode: 'assessment' as const, startedAt: '2026-11-27T10:00:00.000Z',
};
const completed = new StatementBuilder('https://training.example.org/').completed(attempt, { trust: 80, safety: 70, repair: null }, [], '2026-11-27T10:12:05.250Z');

describe('the xAPI rules', () => {
  it('accept a statement the builder makes, with its duration in ISO 8601', () => {
    expect(xapiProblems(completed)).toEqual([]);
    expect((completed.result as { duration: string }).duration).toBe('PT12M5.25S');
    expect(isoDuration('2026-11-27T10:00:00Z', '2026-11-27T11:00:00Z')).toBe('PT1H0S');
  });

  it.each([
    ['a scaled score above 1', { result: { score: { scaled: 1.5 } } }, 'result.score.scaled'],
    ['a duration that is not ISO 8601', { result: { duration: '12 minutes' } }, 'result.duration'],
    ['an actor with no identifier', { actor: { objectType: 'Agent', name: 'Tam' } }, 'actor'],
    ['a verb that is not an IRI', { verb: { id: 'selected', display: { 'en-US': 'selected' } } }, 'verb.id'],
    ['an extension key that is not an IRI', { result: { extensions: { trust: 80 } } }, 'result.extensions'],
    ['a timestamp without a zone', { timestamp: '2026-11-27T10:00:00' }, 'timestamp'],
    ['a registration that is not a UUID', { context: { registration: 'attempt-1' } }, 'context.registration'],
  ])('refuse %s', (_what, change, field) => {
    expect(xapiProblems({ ...completed, ...change }).join('\n')).toContain(field);
  });
});
