/**
 * The checker on generated large scenarios: a clean one checks clean, and a
 * defect planted deep inside one is found and located. Speed is measured by
 * `npm run bench`, not here.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/engine/index.js';
import { generateScenario, generateScenarioYaml } from '../support/generateScenario.js';
import { shippedRubric } from '../support/library.js';
import { stringify } from 'yaml';

const { rubric } = shippedRubric();
const BEATS = 2000;

describe(`a generated ${BEATS}-beat scenario`, () => {
  it('checks clean, with score bounds inside 0–100', () => {
    const { loaded, problems, bounds } = checkScenario(generateScenarioYaml(BEATS), `generated-${BEATS}.yaml`, rubric);
    expect(problems).toEqual([]);
    expect(Object.keys(loaded!.scenario.beats)).toHaveLength(BEATS);
    for (const range of [bounds!.trust, bounds!.safety, bounds!.repair!]) {
      expect(range.lo).toBeGreaterThanOrEqual(0);
      expect(range.hi).toBeLessThanOrEqual(100);
      expect(range.lo).toBeLessThanOrEqual(range.hi);
    }
  });

  it('finds a trap, an unreachable beat and a marker with no repair planted deep inside, each at its line', () => {
    const scenario = generateScenario(BEATS);
    const deep = scenario.beats['beat-1500']!;
    // A trap: every way out of beat-1500 loops back to beat-1499, which leads only to beat-1500.
    deep.responses = deep.responses.map((r) => ({ ...r, next: 'beat-1499' }));
    scenario.beats['beat-1499']!.responses = scenario.beats['beat-1499']!.responses.map((r) => ({ ...r, next: 'beat-1500' }));
    // An island nobody points at.
    scenario.beats.island = { client: 'Nobody gets here.', responses: scenario.beats['beat-0']!.responses };
    // A marker beat offering no 3RS strategy.
    const marker = scenario.beats['beat-1201']!;
    marker.responses = marker.responses.map((r) => ({ ...r, moves: ['summarize'] }));
    const text = stringify(scenario);
    const { loaded, problems } = checkScenario(text, `generated-${BEATS}.yaml`, rubric);
    expect(loaded).toBeUndefined();
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line === needle) + 1;
    const found = (code: string) => problems.filter((p) => p.code === code).map((p) => [p.path, p.line]);
    expect(found('SB_TRAP')).toEqual([['beats.beat-1499', lineOf('  beat-1499:')], ['beats.beat-1500', lineOf('  beat-1500:')]]);
    expect(found('SB_UNREACHABLE')).toContainEqual(['beats.island', lineOf('  island:')]);
    expect(found('SB_MARKER_WITHOUT_REPAIR').map(([path]) => path)).toEqual(['beats.beat-1201.responses']);
  });
});
