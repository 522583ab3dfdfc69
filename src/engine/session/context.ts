/**
 * The state of one session as play proceeds: what the compiled machine keeps in
 * its context, and what replay and the debrief are computed from.
 */
import type { Scenario } from '../schema/scenario.js';
import type { Marker, RiskKind, RuptureType } from '../vocabulary.js';
import type { MoveScore, TurnContext } from '../scoring/evaluate.js';

export interface EpisodeMarker {
  readonly marker: Marker;
  readonly beat: string;
  /** The turn taken at the marker beat (it may not have been taken yet). */
  readonly turn: number;
}

/**
 * One rupture episode: opened by a marker, closed when a `resolves` beat is
 * reached: resolved when the reply that led there engaged the rupture and
 * rated at least 3, unresolved otherwise (scoring.md).
 */
export interface Episode {
  /** The current marker's type. */
  readonly type: RuptureType;
  readonly markers: readonly EpisodeMarker[];
  readonly highestStage: number | null;
  readonly status: 'open' | 'resolved' | 'unresolved';
  /** The turn that led into its first marker beat used an unhelpful or unsafe move: resolving it earns no bonus. */
  readonly provoked: boolean;
  /** Index of the first turn taken inside the episode. */
  readonly openedAt: number;
  /** The turn after which it resolved; null unless resolved. */
  readonly resolvedAt: number | null;
  /** The turn after which a `resolves` beat closed it, resolved or not. */
  readonly closedAt: number | null;
}

/** A risk cue: the safety gate it opened. What it requires is read from the turns (scoring/criticalFlags.ts). */
export interface RiskGate {
  readonly kind: RiskKind;
  readonly beat: string;
  /** The client names a time, has access, or cannot rule out acting: escalation is required. */
  readonly imminent: boolean;
  /** The turn taken at the risk beat. */
  readonly openedAt: number;
  /** First turn from `openedAt` with a direct risk question, if any. */
  readonly assessedAt: number | null;
}

/** One scored turn: the trainee's response at a beat. */
export interface Turn {
  readonly index: number;
  readonly beat: string;
  readonly response: string;
  readonly moves: readonly string[];
  readonly context: TurnContext;
  readonly moveScores: readonly MoveScore[];
  /** The change to felt trust and safety over the turn, after clamping, including any resolution bonus. */
  readonly deltas: { readonly trust: number; readonly safety: number };
  /** Felt trust and safety after the turn: the client's state, which the chart shows. */
  readonly trust: number;
  readonly safety: number;
  /** Safety lost on this turn (the negative part of its capped safety change): what the Safety score subtracts. */
  readonly harm: number;
  readonly rating: number;
  readonly best: string;
  /** Index into `episodes` of the episode open when the beat was shown. */
  readonly episode: number | null;
  readonly repairPenalty: number;
  /** Trust added because the turn led into a beat that resolved a rupture. */
  readonly resolutionBonus: number;
  readonly feedback: string | null;
  readonly next: string;
}

export interface SessionContext {
  readonly scenarioId: string;
  /** The beat shown, or the ending reached. */
  readonly at: string;
  readonly ending: string | null;
  readonly trust: number;
  readonly safety: number;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly episodes: readonly Episode[];
  readonly gates: readonly RiskGate[];
  readonly turns: readonly Turn[];
}

export function initialContext(scenario: Scenario): SessionContext {
  return {
    scenarioId: scenario.id,
    at: scenario.start,
    ending: null,
    trust: scenario.initial.trust,
    safety: scenario.initial.safety,
    flags: {},
    episodes: [],
    gates: [],
    turns: [],
  };
}

export function openEpisode(context: SessionContext): Episode | undefined {
  const latest = context.episodes[context.episodes.length - 1];
  return latest?.status === 'open' ? latest : undefined;
}

/**
 * The `episode` condition: the latest episode's state. An episode closed
 * unresolved (its resolving beat reached without an engaging reply) is neither
 * open, resolved nor none, so none of the three conditions holds for it.
 */
export function episodeState(context: SessionContext): 'open' | 'resolved' | 'unresolved' | 'none' {
  const latest = context.episodes[context.episodes.length - 1];
  return latest ? latest.status : 'none';
}

/** How many turns so far used each repair move: the repetition discount reads it. */
export function repairUsesOf(isRepair: (move: string) => boolean, turns: readonly Turn[]): Record<string, number> {
  const uses: Record<string, number> = {};
  for (const turn of turns) for (const move of turn.moves) if (isRepair(move)) uses[move] = (uses[move] ?? 0) + 1;
  return uses;
}

/**
 * A risk cue waits for a direct question on its own turn and the next. After
 * that the chance has passed: the critical flag stands, and later turns are
 * rated as ordinary turns again, so the debrief still ranks them sensibly.
 */
export function riskOpen(context: SessionContext): boolean {
  const turn = context.turns.length;
  return context.gates.some((gate) => gate.assessedAt === null && turn <= gate.openedAt + 1);
}
