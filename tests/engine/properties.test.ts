/**
 * Property tests: random choices through real and random scenarios never
 * throw, keep every score in range, and never contradict the checker (a
 * branch it calls dead is never taken; final scores stay inside its bounds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema, compile, offeredAt, replay } from '../../src/engine/index.js';
import type { AttemptResult, Rubric, Scenario } from '../../src/engine/index.js';
import { branchKey, playAbstractly } from '../../src/engine/analysis/abstractPlay.js';
import { branchesOf } from '../../src/engine/session/step.js';
import { MARKERS, RISK_KINDS } from '../../src/engine/vocabulary.js';
import { generateScenario } from '../support/generateScenario.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';

const { rubric } = shippedRubric();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

/** Walks a scenario choosing by the given indexes (taken modulo what is offered), up to the ending or the list's end. */
function choose(scenario: Scenario, picks: readonly number[]): string[] {
  const choices: string[] = [];
  let at = scenario.start;
  for (const pick of picks) {
    const offered = offeredAt(scenario, at);
    if (!offered.length) break;
    const id = offered[pick % offered.length]!;
    choices.push(id);
    at = replay(scenario, rubric, choices).turns.at(-1)!.next;
  }
  return choices;
}

function expectInRange(result: AttemptResult): void {
  for (const turn of result.turns) {
    expect(turn.trust).toBeGreaterThanOrEqual(0);
    expect(turn.trust).toBeLessThanOrEqual(100);
    expect(turn.safety).toBeGreaterThanOrEqual(0);
    expect(turn.safety).toBeLessThanOrEqual(100);
    expect([1, 2, 3, 4, 5]).toContain(turn.rating);
  }
  const { trust, safety, repair } = result.scores;
  for (const score of [trust, safety, ...(repair === null ? [] : [repair])]) {
    expect(Number.isInteger(score)).toBe(true);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
  }
}

/** What the checker claims, tested against one concrete play. */
function expectCheckerAgrees(scenario: Scenario, rubricUsed: Rubric, result: AttemptResult): void {
  const play = playAbstractly(scenario, rubricUsed);
  for (const turn of result.turns) {
    expect(play.beats.has(turn.beat)).toBe(true);
    const beat = scenario.beats[turn.beat]!;
    const responseIndex = beat.responses.findIndex((r) => r.id === turn.response);
    const live = branchesOf(beat.responses[responseIndex]!)
      .some((branch, branchIndex) => branch.to === turn.next && play.branches.has(branchKey(turn.beat, responseIndex, branchIndex)));
    expect(live, `branch to ${turn.next} at ${turn.beat}/${turn.response} was called dead`).toBe(true);
  }
  if (result.ending === null) return;
  const bounds = play.bounds!;
  expect(result.scores.trust).toBeGreaterThanOrEqual(bounds.trust.lo);
  expect(result.scores.trust).toBeLessThanOrEqual(bounds.trust.hi);
  expect(result.scores.safety).toBeGreaterThanOrEqual(bounds.safety.lo);
  expect(result.scores.safety).toBeLessThanOrEqual(bounds.safety.hi);
  if (result.scores.repair === null) expect(bounds.repairMayBeNull).toBe(true);
  else {
    expect(bounds.repair).not.toBeNull();
    expect(result.scores.repair).toBeGreaterThanOrEqual(bounds.repair!.lo);
    expect(result.scores.repair).toBeLessThanOrEqual(bounds.repair!.hi);
  }
}

describe.each([...scenarioFileNames().map((name) => [name, shippedScenario(name, rubric).scenario] as const), ['generated-60', generateScenario(60)] as const])(
  'random play through %s',
  (_name, scenario) => {
    it('never throws, keeps every score in range, and agrees with the checker', () => {
      fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (picks) => {
        const result = replay(scenario, rubric, choose(scenario, picks));
        expectInRange(result);
        expectCheckerAgrees(scenario, rubric, result);
      }), { numRuns: RUNS });
    });
  },
);

// Random small scenarios: any shape the schema allows, including ones the checker would refuse.
const moveIds = Object.keys(rubric.moves);
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const endingIds = ['end-one', 'end-two'];
const flagNames = ['x', 'y'];

const rangeArb = fc.record({ gte: fc.integer({ min: 0, max: 100 }), lt: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: [] });
const whenArb = fc.record({
  trust: rangeArb,
  safety: rangeArb,
  flags: fc.dictionary(fc.constantFrom(...flagNames), fc.boolean(), { maxKeys: 1 }),
  episode: fc.constantFrom('open' as const, 'resolved' as const, 'none' as const),
}, { requiredKeys: [] });

function scenarioArb(): fc.Arbitrary<Scenario> {
  return fc.integer({ min: 2, max: ids.length }).chain((count) => {
    const beatIds = ids.slice(0, count);
    const target = fc.constantFrom(...beatIds, ...endingIds);
    const response = (index: number) => fc.record({
      id: fc.constant(`r${index}`),
      say: fc.constant('…'),
      moves: fc.uniqueArray(fc.constantFrom(...moveIds), { minLength: 1, maxLength: 3 }),
      effects: fc.option(fc.record({ trust: fc.integer({ min: -20, max: 20 }), safety: fc.integer({ min: -20, max: 20 }) }), { nil: undefined }),
      set: fc.option(fc.dictionary(fc.constantFrom(...flagNames), fc.boolean(), { maxKeys: 2 }), { nil: undefined }),
      next: fc.oneof(target, fc.tuple(fc.array(fc.record({ when: whenArb, to: target }), { maxLength: 2 }), target)
        .map(([conditional, last]) => [...conditional, { to: last }])),
    });
    const beat = fc.record({
      client: fc.constant('…'),
      marker: fc.option(fc.constantFrom(...MARKERS), { nil: undefined, freq: 3 }),
      resolves: fc.option(fc.constant(true as const), { nil: undefined, freq: 3 }),
      stage: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 3 }),
      risk: fc.option(fc.constantFrom(...RISK_KINDS), { nil: undefined, freq: 4 }),
      imminent: fc.option(fc.boolean(), { nil: undefined, freq: 2 }),
      responses: fc.tuple(response(0), response(1), fc.option(response(2), { nil: undefined })).map((list) => list.filter((r) => r !== undefined)),
    }).map((b) => ({
      ...b,
      resolves: b.marker ? undefined : b.resolves,
      imminent: b.risk === 'plan_or_intent' ? b.imminent : undefined,
    }));
    return fc.record({
      beats: fc.tuple(...beatIds.map(() => beat)),
      attachment: fc.constantFrom('secure', 'anxious_preoccupied', 'dismissing_avoidant', 'fearful_disorganized' as const),
      trust: fc.integer({ min: 0, max: 100 }),
      safety: fc.integer({ min: 0, max: 100 }),
      setting: fc.constantFrom('private_practice', 'telehealth' as const),
    }).map(({ beats, attachment, trust, safety, setting }) => ScenarioSchema.parse(JSON.parse(JSON.stringify({
      format: 1, id: 'random', setting, title: 'Random', summary: 'Random.', briefing: 'Random.', objectives: ['Random.'],
      client: { name: 'R', age: 30, pronouns: 'they/them', attachment, presenting: 'Random.' },
      initial: { trust, safety }, start: 'a',
      beats: Object.fromEntries(beats.map((b, i) => [beatIds[i], b])),
      endings: { 'end-one': { client: 'Bye.', outcome: 'held' }, 'end-two': { client: 'Bye.', outcome: 'dropout' } },
    }))));
  });
}

describe('random scenarios', () => {
  it('compile, play without throwing, and never contradict the checker', () => {
    fc.assert(fc.property(scenarioArb(), fc.array(fc.nat(), { minLength: 1, maxLength: 25 }), (scenario, picks) => {
      compile(scenario, rubric);
      const result = replay(scenario, rubric, choose(scenario, picks));
      expectInRange(result);
      expectCheckerAgrees(scenario, rubric, result);
    }), { numRuns: RUNS * 5 });
  });

  it('refuse a response that is not offered, naming the turn and the beat', () => {
    fc.assert(fc.property(scenarioArb(), (scenario) => {
      expect(() => replay(scenario, rubric, ['no-such-response'])).toThrow(/turn 0, beat "a"/);
    }), { numRuns: 20 });
  });
});
