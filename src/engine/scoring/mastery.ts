/**
 * Whether an attempt passes (docs/scoring.md): it reached an ending, carries no
 * critical flag, and meets its thresholds. Repair counts only where a rupture
 * occurred; a null Repair is left out, never treated as 0.
 */
import type { AttemptResult } from '../result.js';

export interface Thresholds {
  readonly trust: number;
  readonly safety: number;
  readonly repair: number;
}

/** The defaults an assignment starts from. */
export const DEFAULT_THRESHOLDS: Thresholds = { trust: 60, safety: 60, repair: 60 };

export interface Verdict {
  readonly passed: boolean;
  /** Why it did not pass, in plain words; empty when it passed. */
  readonly reasons: readonly string[];
}

export function judgeAttempt(result: AttemptResult, thresholds: Thresholds = DEFAULT_THRESHOLDS): Verdict {
  const reasons: string[] = [];
  if (result.ending === null) reasons.push('The session did not reach an ending.');
  for (const flag of result.flags) reasons.push(`Critical flag ${flag.flag}: ${flag.message}`);
  const { trust, safety, repair } = result.scores;
  if (trust < thresholds.trust) reasons.push(`Trust ${trust} is below ${thresholds.trust}.`);
  if (safety < thresholds.safety) reasons.push(`Safety ${safety} is below ${thresholds.safety}.`);
  if (repair !== null && repair < thresholds.repair) reasons.push(`Rupture-repair ${repair} is below ${thresholds.repair}.`);
  return { passed: reasons.length === 0, reasons };
}
