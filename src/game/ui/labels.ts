/** Words the screens use for the format's ids. */
import type { Scenario } from '../../engine/play.js';
import { ruptureTypeOf } from '../../engine/vocabulary.js';
import type { AttachmentStyle, RuptureType } from '../../engine/vocabulary.js';

export const ATTACHMENT_LABELS: Record<AttachmentStyle, string> = {
  secure: 'Secure',
  anxious_preoccupied: 'Anxious-preoccupied',
  dismissing_avoidant: 'Dismissing-avoidant',
  fearful_disorganized: 'Fearful-disorganized',
};

export const RUPTURE_LABELS: Record<RuptureType, string> = { withdrawal: 'Withdrawal', confrontation: 'Confrontation' };

/** The rupture types a scenario's markers can open. */
export function ruptureTypesOf(scenario: Scenario): RuptureType[] {
  const types = new Set<RuptureType>();
  for (const beat of Object.values(scenario.beats)) if (beat.marker) types.add(ruptureTypeOf(beat.marker));
  return (['withdrawal', 'confrontation'] as const).filter((t) => types.has(t));
}

export const signed = (n: number): string => (n > 0 ? `+${n}` : n === 0 ? '±0' : `−${Math.abs(n)}`);

/** "res_acknowledge_contribution" → the rubric's plain label. */
export function moveLabel(labels: Record<string, { label: string }>, move: string): string {
  return labels[move]?.label ?? move.replace(/_/g, ' ');
}
