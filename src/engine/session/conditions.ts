/** Evaluates a `when` condition of the scenario format. */
import type { Condition, Range } from '../schema/scenario.js';

export interface ConditionState {
  readonly trust: number;
  readonly safety: number;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly episode: 'open' | 'resolved' | 'unresolved' | 'none';
}

export function inRange(value: number, range: Range): boolean {
  return (range.gte === undefined || value >= range.gte)
    && (range.lte === undefined || value <= range.lte)
    && (range.gt === undefined || value > range.gt)
    && (range.lt === undefined || value < range.lt);
}

export function conditionHolds(condition: Condition, state: ConditionState): boolean {
  if (condition.trust && !inRange(state.trust, condition.trust)) return false;
  if (condition.safety && !inRange(state.safety, condition.safety)) return false;
  if (condition.episode && condition.episode !== state.episode) return false;
  for (const [flag, wanted] of Object.entries(condition.flags ?? {})) {
    if ((Object.hasOwn(state.flags, flag) && state.flags[flag]) !== wanted) return false;
  }
  return true;
}
