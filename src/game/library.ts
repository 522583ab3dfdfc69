/** The scenario library as the game receives it from the build (see src/build/scenarioLibrary.ts). */
import type { Rubric, Scenario } from '../engine/play.js';

export interface LibraryEntry {
  readonly scenario: Scenario;
  /** Content hash of the scenario file, recorded with every attempt. */
  readonly hash: string;
}

export interface GameLibrary {
  readonly rubric: Rubric;
  readonly rubricHash: string;
  readonly scenarios: readonly LibraryEntry[];
}
