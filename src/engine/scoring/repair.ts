/**
 * Rupture-repair, per episode (docs/scoring.md): recognition 30, fit 30,
 * resolution 40, minus repair penalties; the attempt's score is the mean.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Episode, Turn } from '../session/context.js';
import { MARKER_ENGAGING_MOVES, MARKER_MISSING_MOVES } from '../vocabulary.js';
import { isRepairMove } from './evaluate.js';

export interface EpisodeScore {
  readonly recognition: number;
  readonly fit: number;
  readonly resolution: number;
  readonly penalty: number;
  /** Clamped to 0–100, not rounded. */
  readonly score: number;
}

export function containsRepair(rubric: Rubric, moves: readonly string[]): boolean {
  return moves.some((move) => isRepairMove(rubric, move));
}

/** The moves can engage a marker: they repair, explore or reflect, and do not pass it over. */
export function mayEngage(rubric: Rubric, moves: readonly string[]): boolean {
  const engages = containsRepair(rubric, moves) || moves.some((m) => (MARKER_ENGAGING_MOVES as readonly string[]).includes(m));
  const misses = moves.some((m) => (MARKER_MISSING_MOVES as readonly string[]).includes(m));
  return engages && !misses;
}

/** A reply engages a marker when its moves can, and it rates at least 3 (scoring.md). */
export function engagesMarker(rubric: Rubric, moves: readonly string[], rating: number): boolean {
  return rating >= ENGAGING_RATING && mayEngage(rubric, moves);
}

export const ENGAGING_RATING = 3;

/** Removes floating-point noise so that a true .5 rounds up and 62.4999999 does not. */
const tidy = (value: number): number => Math.round(value * 1e9) / 1e9;
export const roundHalfUp = (value: number): number => Math.floor(tidy(value) + 0.5);

/** The weights of docs/scoring.md. */
export const REPAIR_WEIGHTS = { recognition: 30, fit: 30, resolved: 40 } as const;

/** Credit for the highest resolution stage reached in an episode that did not resolve: 8 per stage past the first, at most 32. */
export const stageCredit = (stage: number | null): number => (stage === null || stage < 1 ? 0 : Math.min(32, 8 * (stage - 1)));

export function scoreEpisode(rubric: Rubric, episode: Episode, episodeIndex: number, turns: readonly Turn[]): EpisodeScore {
  const markerTurns = episode.markers.map((m) => turns[m.turn]).filter((t): t is Turn => t !== undefined);
  const engaged = markerTurns.filter((turn) => engagesMarker(rubric, turn.moves, turn.rating)).length;
  const recognition = markerTurns.length === 0 ? 0 : (REPAIR_WEIGHTS.recognition * engaged) / markerTurns.length;

  const inside = turns.filter((turn) => turn.episode === episodeIndex);
  const repairTurns = inside.filter((turn) => containsRepair(rubric, turn.moves));
  const fit = repairTurns.length === 0 ? 0
    : (REPAIR_WEIGHTS.fit * repairTurns.reduce((sum, turn) => sum + (turn.rating - 1), 0)) / (4 * repairTurns.length);

  const resolution = episode.status === 'resolved' ? REPAIR_WEIGHTS.resolved : stageCredit(episode.highestStage);
  const penalty = inside.reduce((sum, turn) => sum + turn.repairPenalty, 0);
  const score = Math.min(100, Math.max(0, tidy(recognition + fit + resolution - penalty)));
  return { recognition: tidy(recognition), fit: tidy(fit), resolution, penalty, score };
}

/** The attempt's Rupture-repair: the mean over episodes, rounded half-up; null with no episode. */
export function repairScore(scores: readonly EpisodeScore[]): number | null {
  if (scores.length === 0) return null;
  return roundHalfUp(scores.reduce((sum, s) => sum + s.score, 0) / scores.length);
}
