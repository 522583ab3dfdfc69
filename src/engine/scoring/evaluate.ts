/**
 * What a reply is worth in its moment (docs/scoring.md, "One turn"). Each move
 * has effective values: the rubric's base, plus every modifier whose context
 * holds, less the repetition discount on repair. They combine by best element
 * plus worst element, so piling techniques into a reply adds nothing and one
 * harmful element is never diluted. All numbers are integers.
 */
import type { Rubric, RubricWhen } from '../schema/rubric.js';
import type { Response } from '../schema/scenario.js';
import { REPAIR_KINDS } from '../vocabulary.js';
import type { AttachmentStyle, RuptureType } from '../vocabulary.js';

/** The context a beat is shown in; every reply at the beat is scored in it. */
export interface TurnContext {
  readonly rupture: RuptureType | 'none';
  readonly attachment: AttachmentStyle;
  /** A risk cue is open and not yet answered with a direct question. */
  readonly riskOpen: boolean;
  /** Felt trust and safety as the beat is shown. */
  readonly trust: number;
  readonly safety: number;
  /** How many earlier turns of the attempt used each repair move. */
  readonly repairUses: Readonly<Record<string, number>>;
}

export interface MoveScore {
  readonly move: string;
  readonly trust: number;
  readonly safety: number;
  readonly quality: number;
  /** Indexes of the rubric modifiers that applied. */
  readonly modifiers: readonly number[];
  /** 1 for a first use; k for the k-th use of a repair move in the attempt. */
  readonly use: number;
}

export interface ResponseScore {
  /** The turn's change to trust and safety: combined, authored effects added, capped; before clamping to 0–100. */
  readonly trust: number;
  readonly safety: number;
  /** FIS-style 1–5: clamp(3 + max(0, best quality) + min(0, worst quality), 1, 5). */
  readonly rating: number;
  readonly repairPenalty: number;
  readonly moves: readonly MoveScore[];
}

export function modifierHolds(when: RubricWhen, context: Omit<TurnContext, 'repairUses'>): boolean {
  if (when.rupture !== undefined) {
    const matches = when.rupture === 'open' ? context.rupture !== 'none' : context.rupture === when.rupture;
    if (!matches) return false;
  }
  if (when.attachment !== undefined && when.attachment !== context.attachment) return false;
  if (when.risk_open !== undefined && when.risk_open !== context.riskOpen) return false;
  if (when.trust_below !== undefined && !(context.trust < when.trust_below)) return false;
  if (when.trust_at_least !== undefined && !(context.trust >= when.trust_at_least)) return false;
  if (when.safety_below !== undefined && !(context.safety < when.safety_below)) return false;
  if (when.safety_at_least !== undefined && !(context.safety >= when.safety_at_least)) return false;
  return true;
}

export function isRepairMove(rubric: Rubric, move: string): boolean {
  const kind = rubric.moves[move]?.kind;
  return kind !== undefined && REPAIR_KINDS.includes(kind);
}

/**
 * Repair loses its force when repeated: the k-th use keeps ⌊v / 2^(k−1)⌋ of a
 * positive value v, and nothing from the fourth use on. Harm is kept in full.
 */
export function discounted(value: number, use: number): number {
  if (value <= 0 || use <= 1) return value;
  return use >= 4 ? 0 : Math.floor(value / 2 ** (use - 1));
}

export function scoreMove(rubric: Rubric, move: string, context: TurnContext): MoveScore {
  const entry = rubric.moves[move];
  if (!entry) throw new Error(`the rubric defines no move "${move}"`); // the loader refuses such scenarios
  let { trust, safety, quality } = entry;
  const applied: number[] = [];
  (entry.modifiers ?? []).forEach((modifier, index) => {
    if (!modifierHolds(modifier.when, context)) return;
    trust += modifier.trust ?? 0;
    safety += modifier.safety ?? 0;
    quality += modifier.quality ?? 0;
    applied.push(index);
  });
  const use = isRepairMove(rubric, move) ? (context.repairUses[move] ?? 0) + 1 : 1;
  return { move, trust: discounted(trust, use), safety: discounted(safety, use), quality: discounted(quality, use), modifiers: applied, use };
}

/**
 * The best element plus the worst: clamp(3 + max(0, max q) + min(0, min q), 1, 5).
 * The best element counts up to +2, the top of the scale, so that a harmful
 * element always costs: a reply with one is never rated exemplary.
 */
const RATING_TOP = 5;

export function ratingOf(qualities: readonly number[]): number {
  const best = Math.min(RATING_TOP - 3, Math.max(0, ...qualities));
  const worst = Math.min(0, ...qualities);
  return Math.min(RATING_TOP, Math.max(1, 3 + best + worst));
}

/** Help does not stack within a reply; harm does: max(0, max v) + Σ min(0, v), then effects, then the cap. */
export function combinedDelta(values: readonly number[], effect: number, cap: Rubric['turn_cap']): number {
  const help = Math.max(0, ...values);
  const harm = values.reduce((sum, value) => sum + Math.min(0, value), 0);
  return Math.min(cap.gain, Math.max(-cap.loss, help + harm + effect));
}

/** Points a reply's moves take off the open episode's repair score. */
export function repairPenaltyOf(rubric: Rubric, moves: readonly string[]): number {
  return moves.reduce((total, move) => total + (rubric.moves[move]?.repair_penalty ?? 0), 0);
}

export function scoreResponse(rubric: Rubric, response: Response, context: TurnContext): ResponseScore {
  const moves = response.moves.map((move) => scoreMove(rubric, move, context));
  return {
    trust: combinedDelta(moves.map((m) => m.trust), response.effects?.trust ?? 0, rubric.turn_cap),
    safety: combinedDelta(moves.map((m) => m.safety), response.effects?.safety ?? 0, rubric.turn_cap),
    rating: ratingOf(moves.map((m) => m.quality)),
    repairPenalty: context.rupture === 'none' ? 0 : repairPenaltyOf(rubric, response.moves),
    moves,
  };
}

export const clampScore = (value: number): number => Math.min(100, Math.max(0, value));

/** The change a reply would actually make to felt trust plus safety, after clamping to 0–100. */
function actualChange(score: ResponseScore, context: TurnContext): number {
  return clampScore(context.trust + score.trust) - context.trust + clampScore(context.safety + score.safety) - context.safety;
}

/**
 * The best reply offered: the highest rating, then the larger change to trust
 * plus safety (after clamping), then the shortest `say` (never the longest),
 * then the first given.
 */
export function bestResponse(rubric: Rubric, responses: readonly Response[], context: TurnContext): Response {
  let best = responses[0]!;
  let bestScore = scoreResponse(rubric, best, context);
  for (const response of responses.slice(1)) {
    const score = scoreResponse(rubric, response, context);
    const change = actualChange(score, context) - actualChange(bestScore, context);
    const better = score.rating !== bestScore.rating ? score.rating > bestScore.rating
      : change !== 0 ? change > 0
        : response.say.length < best.say.length;
    if (better) {
      best = response;
      bestScore = score;
    }
  }
  return best;
}
