/** Marker recognition per turn agrees with the recognition term of Rupture-repair. */
import { describe, expect, it } from 'vitest';
import { markerEncounters, replay } from '../../src/engine/index.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';
import { greedyPath } from '../support/paths.js';

const { rubric } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric).scenario;

describe('marker recognition', () => {
  it('lists every marker beat met, in turn order, and nothing else', () => {
    const result = replay(maya, rubric, greedyPath(maya, rubric, 'best'));
    const encounters = markerEncounters(maya, rubric, result);
    const markerTurns = result.turns.filter((t) => maya.beats[t.beat]!.marker).map((t) => t.index);
    expect(encounters.map((e) => e.turn)).toEqual(markerTurns);
    expect(encounters.length).toBeGreaterThan(0);
    expect(encounters.every((e) => e.marker === maya.beats[result.turns[e.turn]!.beat]!.marker)).toBe(true);
  });

  it('a defensive reply at a marker is not recognition; owning the rupture is', () => {
    const defended = markerEncounters(maya, rubric, replay(maya, rubric, ['policy']));
    const owned = markerEncounters(maya, rubric, replay(maya, rubric, ['own-it']));
    expect(defended).toEqual([{ turn: 0, marker: owned[0]!.marker, engaged: false }]);
    expect(owned[0]!.engaged).toBe(true);
  });

  it.each(scenarioFileNames())('in %s, recognition per turn gives each episode its recognition score', (name) => {
    const { scenario } = shippedScenario(name, rubric);
    for (const which of ['best', 'worst'] as const) {
      const result = replay(scenario, rubric, greedyPath(scenario, rubric, which));
      const engaged = new Map(markerEncounters(scenario, rubric, result).map((e) => [e.turn, e.engaged]));
      for (const episode of result.episodes) {
        const taken = episode.markers.filter((m) => engaged.has(m.turn));
        if (!taken.length) continue;
        expect(episode.recognition).toBeCloseTo((30 * taken.filter((m) => engaged.get(m.turn)).length) / taken.length, 6);
      }
    }
  });
});
