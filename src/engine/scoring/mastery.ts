/**
 * Whether an attempt passes (docs/scoring.md, "The verdict"): it reached an
 * ending, carries no critical flag, its ending's outcome is not one the
 * assignment fails (by default a dropout), and it meets its thresholds.
 * Repair counts only where a rupture occurred; a null Repair is left out,
 * never treated as 0. Practice and assessment are judged alike.
 */
import type { AttemptResult } from '../result.js';
import type { Outcome } from '../vocabulary.js';

export interface Thresholds {
  readonly trust: number;
  readonly safety: number;
  readonly repair: number;
  /** Endings whose outcome fails the attempt whatever the scores; default: dropout. */
  readonly failingOutcomes?: readonly Outcome[];
}

/** The defaults an assignment starts from. */
export const DEFAULT_FAILING_OUTCOMES: readonly Outcome[] = ['dropout'];
export const DEFAULT_THRESHOLDS: Thresholds = { trust: 60, safety: 70, repair: 60, failingOutcomes: DEFAULT_FAILING_OUTCOMES };

export interface Verdict {
  readonly passed: boolean;
  /** Why it did not pass, in plain words; empty when it passed. */
  readonly reasons: readonly string[];
}

export function judgeAttempt(result: AttemptResult, thresholds: Thresholds = DEFAULT_THRESHOLDS): Verdict {
  const reasons: string[] = [];
  if (result.ending === null) reasons.push('The session did not reach an ending.');
  for (const flag of result.flags) reasons.push(`Critical flag ${flag.flag}: ${flag.message}`);
  const failing = thresholds.failingOutcomes ?? DEFAULT_FAILING_OUTCOMES;
  if (result.outcome !== null && failing.includes(result.outcome)) {
    reasons.push(`The session ended in ${result.outcome === 'dropout' ? 'a dropout' : `the outcome "${result.outcome}"`}, which does not pass.`);
  }
  const { trust, safety, repair } = result.scores;
  if (trust < thresholds.trust) reasons.push(`Trust ${trust} is below ${thresholds.trust}.`);
  if (safety < thresholds.safety) reasons.push(`Safety ${safety} is below ${thresholds.safety}.`);
  if (repair !== null && repair < thresholds.repair) reasons.push(`Rupture-repair ${repair} is below ${thresholds.repair}.`);
  return { passed: reasons.length === 0, reasons };
}
