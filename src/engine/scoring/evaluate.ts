/**
 * What a response is worth in its moment: the sum of its moves' rubric deltas
 * (base plus every modifier whose context holds) plus the authored effects.
 * All numbers are integers; nothing here is hidden in code (docs/scoring.md).
 */
import type { Rubric, RubricWhen } from '../schema/rubric.js';
import type { Response } from '../schema/scenario.js';
import type { AttachmentStyle, RuptureType } from '../vocabulary.js';

/** The context a beat is shown in; every response at the beat is scored in it. */
export interface TurnContext {
  readonly rupture: RuptureType | 'none';
  readonly attachment: AttachmentStyle;
  /** A risk cue is open and not yet answered with a direct question. */
  readonly riskOpen: boolean;
  readonly trust: number;
  readonly safety: number;
}

export interface MoveScore {
  readonly move: string;
  readonly trust: number;
  readonly safety: number;
  readonly quality: number;
  /** Indexes of the rubric modifiers that applied. */
  readonly modifiers: readonly number[];
}

export interface ResponseScore {
  /** Trust and safety change before clamping, authored effects included. */
  readonly trust: number;
  readonly safety: number;
  readonly quality: number;
  /** FIS-style 1–5: clamp(3 + quality, 1, 5). */
  readonly rating: number;
  readonly repairPenalty: number;
  readonly moves: readonly MoveScore[];
}

export function modifierHolds(when: RubricWhen, context: TurnContext): boolean {
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
  return { move, trust, safety, quality, modifiers: applied };
}

export const clampRating = (quality: number): number => Math.min(5, Math.max(1, 3 + quality));

/** Points a response's moves take off the open episode's repair score. */
export function repairPenaltyOf(rubric: Rubric, moves: readonly string[]): number {
  return moves.reduce((total, move) => total + (rubric.moves[move]?.repair_penalty ?? 0), 0);
}

export function scoreResponse(rubric: Rubric, response: Response, context: TurnContext): ResponseScore {
  const moves = response.moves.map((move) => scoreMove(rubric, move, context));
  const sum = (pick: (m: MoveScore) => number) => moves.reduce((total, m) => total + pick(m), 0);
  const quality = sum((m) => m.quality);
  const repairPenalty = context.rupture === 'none' ? 0 : repairPenaltyOf(rubric, response.moves);
  return {
    trust: sum((m) => m.trust) + (response.effects?.trust ?? 0),
    safety: sum((m) => m.safety) + (response.effects?.safety ?? 0),
    quality,
    rating: clampRating(quality),
    repairPenalty,
    moves,
  };
}

export const clampScore = (value: number): number => Math.min(100, Math.max(0, value));

/** The change a response would actually make to trust plus safety, after clamping to 0–100. */
function actualChange(score: ResponseScore, context: TurnContext): number {
  return clampScore(context.trust + score.trust) - context.trust + clampScore(context.safety + score.safety) - context.safety;
}

/**
 * The best response offered: highest rating, then the larger trust plus safety
 * change (as it would actually be made, after clamping), then file order.
 */
export function bestResponse(rubric: Rubric, responses: readonly Response[], context: TurnContext): Response {
  let best = responses[0]!;
  let bestScore = scoreResponse(rubric, best, context);
  for (const response of responses.slice(1)) {
    const score = scoreResponse(rubric, response, context);
    const better = score.rating > bestScore.rating
      || (score.rating === bestScore.rating && actualChange(score, context) > actualChange(bestScore, context));
    if (better) {
      best = response;
      bestScore = score;
    }
  }
  return best;
}
