/**
 * The validity suite (docs/scoring.md, "The validity suite"), on small
 * scenarios built so that every row has a known answer: each row is shown to
 * hold on one and to fail on another. The fixtures' rubric rates helpful moves
 * 5 and harmful ones 1 and moves no score, so passing turns on the ending and
 * the critical flags alone (tests/fixtures/validity/fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_TURNS, PATH_LIMIT, VALIDITY_WALKS, enumeratePaths, failingRows, libraryValidity, pathLowerBound, scenarioValidity,
} from '../../src/engine/analysis/validity.js';
import type { Turn } from '../../src/engine/index.js';
import { pendingRequirements } from '../../src/engine/scoring/criticalFlags.js';
import type { RiskGate } from '../../src/engine/session/context.js';
import { buildScenario } from '../support/build.js';
import {
  flaggedFixture, guardedFixture, invalidFixture, loopFixture, riskFixture, tutorialFixture, validFixture, validityRubric, wideFixture,
} from '../fixtures/validity/fixtures.js';

const rubric = validityRubric();

describe('every row holds on a scenario that rewards attending to the client', () => {
  const v = scenarioValidity(validFixture(), rubric);

  it('greedy best takes the warm reply at every beat and passes, ending repaired', () => {
    expect(v.greedyBest).toMatchObject({ passed: true, outcome: 'repaired', choices: ['warm', 'warm', 'warm'], reasons: [], holds: true });
  });

  it('greedy worst, the longest reply and the most moves all end in a dropout and fail', () => {
    expect(v.greedyWorst).toMatchObject({ passed: false, outcome: 'dropout', holds: true });
    expect(v.greedyWorst.reasons).toContain('The session ended in a dropout, which does not pass.');
    expect(v.longest).toMatchObject({ passed: false, choices: ['lecture'], holds: true });
    expect(v.mostMoves).toMatchObject({ passed: false, choices: ['pile-on'], holds: true });
  });

  it('every other fixed length rank meets a wrong reply at some beat and fails', () => {
    expect(v.lengthRanks.runs.map((run) => [run.rank, run.passed, run.choices])).toEqual([
      [0.25, false, ['pile-on']],
      [0.5, false, ['pile-on']],
      [0.75, false, ['warm', 'pile-on']],
      [1, false, ['warm', 'pile-on']],
    ]);
    expect(v.lengthRanks.holds).toBe(true);
    expect(v.filePlaces.runs.map((run) => [run.place, run.passed])).toEqual([[0, false], [0.5, false], [1, false]]);
    expect(v.filePlaces.holds).toBe(true);
  });

  it('every clean walk passes, and about one random walk in 27', () => {
    expect(v.clean).toEqual({ walks: VALIDITY_WALKS, passed: VALIDITY_WALKS, holds: true });
    expect(v.random.walks).toBe(VALIDITY_WALKS);
    expect(v.random.passed / VALIDITY_WALKS).toBeGreaterThan(0.02);
    expect(v.random.passed / VALIDITY_WALKS).toBeLessThan(0.06);
    expect(v.random.holds).toBe(true);
  });

  it('the best reply is the longest at one beat of three, and no walk or path ends repaired with a flag', () => {
    expect(v.bestIsLongest).toEqual({ beats: 3, longest: 1, longestAt: ['third'], unreached: [] });
    expect(v.repairedWithFlag).toEqual({ walks: 0, of: 11 + 2 * VALIDITY_WALKS, paths: { status: 'enumerated', paths: 7, repairedWithFlag: 0 }, holds: true });
    expect(v.holds).toBe(true);
    expect(failingRows(v)).toBe(0);
  });

  it('gives the same figures every time (fixed seeds)', () => {
    expect(scenarioValidity(validFixture(), rubric)).toEqual(v);
  });
});

describe('every row fails on a scenario that rewards the wrong things', () => {
  const v = scenarioValidity(invalidFixture(), rubric);

  it('greedy best ends in a dropout: the row fails', () => {
    expect(v.greedyBest).toMatchObject({ passed: false, outcome: 'dropout', choices: ['warm-and-long', 'warm'], holds: false });
  });

  it('greedy worst, the longest reply and the most moves pass: their rows fail', () => {
    expect(v.greedyWorst).toMatchObject({ passed: true, outcome: 'repaired', choices: ['cold', 'cold-and-long'], holds: false });
    expect(v.longest).toMatchObject({ passed: true, choices: ['warm-and-long', 'cold-and-long'], holds: false });
    expect(v.mostMoves).toMatchObject({ passed: true, choices: ['cold', 'cold-and-long'], holds: false });
  });

  it('no clean walk passes and about half the random walks do', () => {
    expect(v.clean).toEqual({ walks: VALIDITY_WALKS, passed: 0, holds: false });
    expect(v.random.passed / VALIDITY_WALKS).toBeGreaterThan(0.45);
    expect(v.random.holds).toBe(false);
  });

  it('a fixed length rank passes: with two replies, the upper quartile is the longest, which ends repaired', () => {
    expect(v.lengthRanks.runs.find((run) => run.rank === 0.25)).toMatchObject({ passed: true, choices: ['warm-and-long', 'cold-and-long'] });
    expect(v.lengthRanks.holds).toBe(false);
  });

  it('a fixed place in the file passes: the middle of two replies is the last, cold at both beats', () => {
    expect(v.filePlaces.runs.map((run) => [run.place, run.passed])).toEqual([[0, false], [0.5, true], [1, true]]);
    expect(v.filePlaces.holds).toBe(false);
  });

  it('the best reply is the longest at one beat of two, and the scenario fails eight rows', () => {
    expect(v.bestIsLongest).toEqual({ beats: 2, longest: 1, longestAt: ['first'], unreached: [] });
    expect(v.holds).toBe(false);
    expect(failingRows(v)).toBe(8);
  });
});

describe('a repaired ending reached with a critical flag', () => {
  it('counts walks and enumerated paths that end repaired with a flag, and fails the row', () => {
    const v = scenarioValidity(flaggedFixture(), rubric, { walks: 1000 });
    expect(v.repairedWithFlag.walks).toBeGreaterThan(0);
    expect(v.repairedWithFlag.of).toBe(2011);
    expect(v.repairedWithFlag.paths).toEqual({ status: 'enumerated', paths: 2, repairedWithFlag: 1 });
    expect(v.repairedWithFlag.holds).toBe(false);
  });

  it('a flagged path alone fails the row, even when no walk found it', () => {
    const paths = enumeratePaths(flaggedFixture(), rubric, PATH_LIMIT, MAX_TURNS);
    expect(paths).toEqual({ status: 'enumerated', paths: 2, repairedWithFlag: 1 });
  });
});

describe('clean walks', () => {
  it('answer a risk cue when a reply on offer does: both replies at the cue are clean, only the question passes, and every clean walk asks', () => {
    const v = scenarioValidity(riskFixture(), rubric, { walks: 1000 });
    expect(v.clean).toEqual({ walks: 1000, passed: 1000, holds: true });
    expect(v.random.passed).toBeLessThan(400);
  });

  it('list what each kind of risk cue still needs, as the gate table does', () => {
    const gate = (kind: RiskGate['kind'], imminent = false): RiskGate => ({ kind, beat: 'cue', imminent, openedAt: 1, assessedAt: null });
    const turn = (index: number, moves: string[]) => ({ index, moves }) as unknown as Turn;
    const video = buildScenario({ beats: { cue: { responses: [{ id: 'a', say: 'a', moves: ['validate'], next: 'done' }, { id: 'b', say: 'b', moves: ['validate'], next: 'done' }] } } });
    const telehealth = { ...video, setting: 'telehealth' as const };
    const ask = ['ask_suicide_directly', 'assess_plan_intent'];

    expect(pendingRequirements(video, { gates: [gate('passive_ideation')], turns: [] })).toEqual([ask]);
    expect(pendingRequirements(video, { gates: [gate('active_ideation')], turns: [] })).toEqual([ask, ['assess_plan_intent']]);
    expect(pendingRequirements(video, { gates: [gate('plan_or_intent')], turns: [] })).toEqual([ask, ['assess_plan_intent'], ['safety_planning']]);
    expect(pendingRequirements(video, { gates: [gate('plan_or_intent', true)], turns: [] })).toEqual([ask, ['assess_plan_intent'], ['safety_planning'], ['escalate_care']]);
    expect(pendingRequirements(video, { gates: [gate('recent_behaviour')], turns: [] })).toEqual([ask, ['assess_plan_intent'], ['safety_planning'], ['assess_medical_need']]);
    expect(pendingRequirements(telehealth, { gates: [gate('plan_or_intent')], turns: [] })).toEqual([ask, ['assess_plan_intent'], ['safety_planning'], ['confirm_location']]);
    expect(pendingRequirements(telehealth, { gates: [gate('passive_ideation')], turns: [] })).toEqual([ask]);

    // Met from the cue's own turn on; a move before the cue does not count.
    const turns = [turn(0, ['safety_planning']), turn(1, ['assess_plan_intent']), turn(2, ['confirm_location'])];
    expect(pendingRequirements(telehealth, { gates: [gate('plan_or_intent')], turns: turns })).toEqual([['safety_planning']]);
    expect(pendingRequirements(telehealth, { gates: [], turns: turns })).toEqual([]);
  });
});

describe('walks and paths that do not end', () => {
  it('a walk stops after the turn limit, reaches no ending and fails', () => {
    const v = scenarioValidity(loopFixture(), rubric, { walks: 100, maxTurns: 50 });
    expect(v.longest).toMatchObject({ passed: false, ending: null, turns: 50, reasons: ['No ending after 50 turns.'], holds: true });
  });

  it('paths are enumerated where there are few, and not where a loop repeats or there are too many', () => {
    expect(enumeratePaths(loopFixture(), rubric, PATH_LIMIT, MAX_TURNS)).toEqual({ status: 'unbounded' });
    expect(enumeratePaths(guardedFixture(), rubric, PATH_LIMIT, MAX_TURNS)).toEqual({ status: 'enumerated', paths: 4, repairedWithFlag: 0 });
    // 3^12 paths: the graph alone proves more than the limit, so none is played.
    expect(pathLowerBound(wideFixture(), PATH_LIMIT, MAX_TURNS)).toBe(PATH_LIMIT + 1);
    expect(enumeratePaths(wideFixture(), rubric, PATH_LIMIT, MAX_TURNS)).toEqual({ status: 'too-many', atLeast: PATH_LIMIT + 1 });
  });

  it('the lower bound never exceeds the paths there are, and play finds more when a branch is always taken', () => {
    expect(pathLowerBound(guardedFixture(), PATH_LIMIT, MAX_TURNS)).toBe(2);
    expect(pathLowerBound(validFixture(), PATH_LIMIT, MAX_TURNS)).toBe(7);
    expect(enumeratePaths(guardedFixture(), rubric, 3, MAX_TURNS)).toEqual({ status: 'too-many', atLeast: 4 });
  });
});

describe('the library', () => {
  it('leaves tutorials out, and judges the best-is-longest row across the scenarios', () => {
    const library = libraryValidity([
      { scenario: validFixture(), rubric },
      { scenario: invalidFixture(), rubric },
      { scenario: tutorialFixture(), rubric },
    ], { walks: 200 });
    expect(library.skipped).toEqual(['tutorial']);
    expect(library.scenarios.map((s) => s.scenario)).toEqual(['valid', 'invalid']);
    // 2 of 5 beats (40 %) across the library, though 1 of 2 in `invalid` alone.
    expect(library.bestIsLongest).toEqual({ beats: 5, longest: 2, holds: true });
    expect(library.failures).toBe(8);
    expect(library.holds).toBe(false);

    const alone = libraryValidity([{ scenario: invalidFixture(), rubric }], { walks: 200 });
    expect(alone.bestIsLongest).toEqual({ beats: 2, longest: 1, holds: false });
    expect(alone.failures).toBe(9);

    const clean = libraryValidity([{ scenario: validFixture(), rubric }], { walks: 200 });
    expect(clean).toMatchObject({ failures: 0, holds: true });
  });
});
