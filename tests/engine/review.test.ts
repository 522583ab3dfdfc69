/** The review of an attempt rates every reply on offer exactly as play rated the one chosen. */
import { describe, expect, it } from 'vitest';
import { replay, reviewTurns, shownOrder } from '../../src/engine/index.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';
import { greedyPath } from '../support/paths.js';

const { rubric } = shippedRubric();

describe.each(scenarioFileNames())('the review of %s', (name) => {
  const { scenario } = shippedScenario(name, rubric);
  it.each(['best', 'worst'] as const)('on the greedy %s path matches play turn by turn', (which) => {
    const result = replay(scenario, rubric, greedyPath(scenario, rubric, which));
    const review = reviewTurns(scenario, rubric, result, 'attempt-1');
    expect(review).toHaveLength(result.turns.length);
    review.forEach((turn, i) => {
      const played = result.turns[i]!;
      // The supervisor sees the replies in the order the trainee was shown them.
      expect(turn.options.map((o) => o.id)).toEqual(shownOrder(scenario, 'attempt-1', played.beat).map((r) => r.id));
      const chosen = turn.options.filter((o) => o.chosen);
      expect(chosen.map((o) => o.id)).toEqual([played.response]);
      expect(chosen[0]!.rating).toBe(played.rating);
      expect(chosen[0]!.trust).toBe(played.deltas.trust - played.resolutionBonus);
      expect(turn.options.filter((o) => o.best).map((o) => o.id)).toEqual([played.best]);
      expect(Math.max(...turn.options.map((o) => o.rating))).toBe(turn.options.find((o) => o.best)!.rating);
      expect(turn.client).toBe(scenario.beats[played.beat]!.client);
    });
  });
});
