/**
 * The scenario library as the game receives it from the build
 * (src/build/scenarioLibrary.ts): a small index for the library cards, and
 * each scenario and the rubric loaded only when a session needs them, so the
 * code a trainee waits for stays small however large the library grows.
 */
import type { Rubric, Scenario } from '../engine/play.js';
import type { ContentNote, RuptureType, ScenarioKind, Setting } from '../engine/vocabulary.js';

/** What a library card shows, without the scenario's beats. */
export interface LibraryCard {
  readonly id: string;
  /** Content hash of the scenario file, recorded with every attempt. */
  readonly hash: string;
  readonly title: string;
  readonly summary: string;
  readonly client: Pick<Scenario['client'], 'name' | 'age' | 'pronouns' | 'attachment' | 'presenting'>;
  readonly kind: ScenarioKind;
  readonly setting: Setting | null;
  readonly minutes: number | null;
  readonly objectives: readonly string[];
  readonly ruptureTypes: readonly RuptureType[];
  /** Subjects to know about before playing (none: an empty list). */
  readonly contentNotes: readonly ContentNote[];
}

export interface LibraryIndex {
  readonly rubricHash: string;
  readonly cards: readonly LibraryCard[];
}

export interface LibraryEntry {
  readonly scenario: Scenario;
  readonly hash: string;
}

/** A scenario ready to play: its content and the rubric that scores it. */
export interface OpenScenario {
  readonly entry: LibraryEntry;
  readonly rubric: Rubric;
  readonly rubricHash: string;
}
