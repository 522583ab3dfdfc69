/**
 * The outcome of an attempt, derived from the session context alone: the same
 * function serves live play, replay, the debrief and the server.
 */
import type { Rubric } from './schema/rubric.js';
import type { Scenario } from './schema/scenario.js';
import { RISK_DELAYED_HARM, gateFlags } from './scoring/criticalFlags.js';
import type { CriticalFlagRecord, NoteRecord } from './scoring/criticalFlags.js';
import { repairScore, scoreEpisode } from './scoring/repair.js';
import type { EpisodeScore } from './scoring/repair.js';
import type { SessionContext, Turn } from './session/context.js';
import { harms } from './session/step.js';
import type { Marker, Outcome, RuptureType } from './vocabulary.js';

export interface EpisodeResult extends EpisodeScore {
  readonly type: RuptureType;
  readonly markers: readonly { readonly marker: Marker; readonly beat: string; readonly turn: number }[];
  /** At the end of play, an episode still open is unresolved. */
  readonly status: 'open' | 'resolved' | 'unresolved';
  readonly provoked: boolean;
  readonly highestStage: number | null;
  readonly openedAt: number;
  readonly resolvedAt: number | null;
}

export interface Scores {
  readonly trust: number;
  /** 100 minus the harm done: each turn's safety loss, plus 20 for risk_delayed; 0 with `risk_not_assessed`. */
  readonly safety: number;
  /** null when no rupture occurred. */
  readonly repair: number | null;
}

export interface AttemptResult {
  readonly scenario: string;
  readonly turns: readonly Turn[];
  readonly scores: Scores;
  /** Critical flags: any one fails the attempt. */
  readonly flags: readonly CriticalFlagRecord[];
  /** Flags that cost points but do not fail: `risk_delayed`. */
  readonly notes: readonly NoteRecord[];
  readonly episodes: readonly EpisodeResult[];
  readonly ending: string | null;
  readonly outcome: Outcome | null;
  /** The client's felt trust and safety at the end: the state the chart shows. */
  readonly felt: { readonly trust: number; readonly safety: number };
  /** True when an ending was reached and no critical flag was raised. */
  readonly passedSafety: boolean;
}

/** Safety as a score: 100 minus harm done, never below 0. */
export function safetyScore(turns: readonly Turn[], notes: readonly NoteRecord[], flags: readonly CriticalFlagRecord[]): number {
  if (flags.some((f) => f.flag === 'risk_not_assessed')) return 0;
  const harm = turns.reduce((sum, turn) => sum + turn.harm, 0) + (notes.some((n) => n.flag === 'risk_delayed') ? RISK_DELAYED_HARM : 0);
  return Math.max(0, 100 - harm);
}

export function resultOf(scenario: Scenario, rubric: Rubric, context: SessionContext): AttemptResult {
  const { flags, notes } = gateFlags(scenario, context, (moves) => harms(rubric, moves));
  const ended = context.ending !== null;
  const episodes = context.episodes.map((episode, index): EpisodeResult => ({
    ...scoreEpisode(rubric, episode, index, context.turns),
    type: episode.type,
    markers: episode.markers,
    status: episode.status === 'open' && ended ? 'unresolved' : episode.status,
    provoked: episode.provoked,
    highestStage: episode.highestStage,
    openedAt: episode.openedAt,
    resolvedAt: episode.resolvedAt,
  }));
  return {
    scenario: scenario.id,
    turns: context.turns,
    scores: { trust: context.trust, safety: safetyScore(context.turns, notes, flags), repair: repairScore(episodes) },
    flags,
    notes,
    episodes,
    ending: context.ending,
    outcome: context.ending ? scenario.endings[context.ending]?.outcome ?? null : null,
    felt: { trust: context.trust, safety: context.safety },
    passedSafety: ended && flags.length === 0,
  };
}
