/**
 * The outcome of an attempt, derived from the session context alone: the same
 * function serves live play, replay, the debrief and the server.
 */
import type { Rubric } from './schema/rubric.js';
import type { Scenario } from './schema/scenario.js';
import { criticalFlags } from './scoring/criticalFlags.js';
import type { CriticalFlagRecord } from './scoring/criticalFlags.js';
import { repairScore, scoreEpisode } from './scoring/repair.js';
import type { EpisodeScore } from './scoring/repair.js';
import type { SessionContext, Turn } from './session/context.js';
import type { Marker, Outcome, RuptureType } from './vocabulary.js';

export interface EpisodeResult extends EpisodeScore {
  readonly type: RuptureType;
  readonly markers: readonly { readonly marker: Marker; readonly beat: string; readonly turn: number }[];
  /** At the end of play, an episode still open is unresolved. */
  readonly status: 'open' | 'resolved' | 'unresolved';
  readonly highestStage: number | null;
  readonly openedAt: number;
  readonly resolvedAt: number | null;
}

export interface Scores {
  readonly trust: number;
  /** 0 when the attempt carries `risk_not_assessed`. */
  readonly safety: number;
  /** null when no rupture occurred. */
  readonly repair: number | null;
}

export interface AttemptResult {
  readonly scenario: string;
  readonly turns: readonly Turn[];
  readonly scores: Scores;
  readonly flags: readonly CriticalFlagRecord[];
  readonly episodes: readonly EpisodeResult[];
  readonly ending: string | null;
  readonly outcome: Outcome | null;
  /** True when an ending was reached and no critical flag was raised. */
  readonly passedSafety: boolean;
}

export function resultOf(scenario: Scenario, rubric: Rubric, context: SessionContext): AttemptResult {
  const flags = criticalFlags(context);
  const ended = context.ending !== null;
  const episodes = context.episodes.map((episode, index): EpisodeResult => ({
    ...scoreEpisode(rubric, episode, index, context.turns),
    type: episode.type,
    markers: episode.markers,
    status: episode.status === 'open' && ended ? 'unresolved' : episode.status,
    highestStage: episode.highestStage,
    openedAt: episode.openedAt,
    resolvedAt: episode.resolvedAt,
  }));
  const missed = flags.some((f) => f.flag === 'risk_not_assessed');
  return {
    scenario: scenario.id,
    turns: context.turns,
    scores: { trust: context.trust, safety: missed ? 0 : context.safety, repair: repairScore(episodes) },
    flags,
    episodes,
    ending: context.ending,
    outcome: context.ending ? scenario.endings[context.ending]?.outcome ?? null : null,
    passedSafety: ended && flags.length === 0,
  };
}
