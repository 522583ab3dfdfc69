/**
 * Which rupture markers a trainee recognised: at each turn taken at a marker
 * beat, whether the response engaged the marker as scoring.md's recognition
 * term defines it. Programmes read these per turn to see which markers a
 * cohort keeps missing.
 */
import type { AttemptResult } from './result.js';
import type { Rubric } from './schema/rubric.js';
import type { Scenario } from './schema/scenario.js';
import { engagesMarker } from './scoring/repair.js';
import type { Marker } from './vocabulary.js';

export interface MarkerEncounter {
  readonly turn: number;
  readonly marker: Marker;
  readonly engaged: boolean;
}

/** The marker met at `turn` and whether the response engaged it; null at a beat without a marker. */
export function markerEncounterAt(scenario: Scenario, rubric: Rubric, result: AttemptResult, turn: number): MarkerEncounter | null {
  const played = result.turns[turn];
  const marker = played ? scenario.beats[played.beat]?.marker : undefined;
  if (!played || !marker) return null;
  return { turn, marker, engaged: engagesMarker(rubric, played.moves, played.rating) };
}

/** Every marker met in the attempt, in turn order. */
export function markerEncounters(scenario: Scenario, rubric: Rubric, result: AttemptResult): MarkerEncounter[] {
  return result.turns.map((t) => markerEncounterAt(scenario, rubric, result, t.index)).filter((e): e is MarkerEncounter => e !== null);
}
