/**
 * How a simulated trainee chooses a reply: the engine rates every reply on
 * offer, and the trainee picks among them with a softmax whose sharpness grows
 * with skill. Below a certain skill the preference turns negative, as a
 * beginner's instincts (reassure, explain, defend) pull toward the worse
 * replies. A blind spot overrides skill at the moments it covers.
 */
import { vocabulary } from '../../engine/index.js';
import type { RatedReply, TurnContext } from '../../engine/index.js';
import type { Random } from './random.js';

/** What a trainee reliably fails to notice, whatever their skill otherwise. */
export type BlindSpot = 'risk' | 'withdrawal' | null;

/** Weight on a reply's 1-5 rating: -0.4 at skill 0 (drawn to the worst), 1.2 at skill 1 (mostly the best). */
export function preferenceFor(skill: number): number {
  return -0.4 + 1.6 * Math.min(1, Math.max(0, skill));
}

/** Someone who misses the cue never asks the risk question while it is due. */
const MISSED_RISK_PENALTY = 6;
/** Someone who misses withdrawal plays a quiet, compliant client as a beginner would. */
const SKILL_WHEN_WITHDRAWAL_MISSED = 0.05;

export function chooseReply(offers: { shown: TurnContext; replies: readonly RatedReply[] }, skill: number, blindSpot: BlindSpot, random: Random): RatedReply {
  const { shown, replies } = offers;
  const missesWithdrawal = blindSpot === 'withdrawal' && shown.rupture === 'withdrawal';
  const preference = preferenceFor(missesWithdrawal ? SKILL_WHEN_WITHDRAWAL_MISSED : skill);
  const logits = replies.map((reply) => {
    const missedRisk = blindSpot === 'risk' && shown.riskOpen && vocabulary.assessesRisk(reply.response.moves);
    return preference * reply.rating - (missedRisk ? MISSED_RISK_PENALTY : 0);
  });
  const top = Math.max(...logits);
  return replies[random.weighted(logits.map((logit) => Math.exp(logit - top)))]!;
}
