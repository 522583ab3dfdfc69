/**
 * Replays a list of response ids: the same result as playing,
 * deterministically. The command line, the tests and the server use it.
 */
import type { AttemptResult } from './result.js';
import type { Rubric } from './schema/rubric.js';
import type { Scenario } from './schema/scenario.js';
import { startPlay } from './startPlay.js';

/** The response ids offered at a beat, in file order; none at an ending. */
export function offeredAt(scenario: Scenario, at: string): string[] {
  return scenario.beats[at]?.responses.map((response) => response.id) ?? [];
}

/**
 * @throws SecureBaseError `SB_REPLAY_NOT_OFFERED` or `SB_REPLAY_AFTER_ENDING`,
 *   naming the turn (from 0) and the beat.
 */
export function replay(scenario: Scenario, rubric: Rubric, responseIds: readonly string[]): AttemptResult {
  // Scores depend on response ids only, so any attempt id gives the same result.
  const play = startPlay(scenario, rubric, { attemptId: '', choices: responseIds });
  const { result } = play;
  play.stop();
  return result;
}
