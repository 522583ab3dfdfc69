/** Words the screens use for the format's ids. */
import { CONTENT_NOTE_LABELS } from '../../engine/vocabulary.js';
import type { AttachmentStyle, ContentNote, RuptureType, Setting } from '../../engine/vocabulary.js';
import { h } from '../../browser/dom.js';

export const ATTACHMENT_LABELS: Record<AttachmentStyle, string> = {
  secure: 'Secure',
  anxious_preoccupied: 'Anxious-preoccupied',
  dismissing_avoidant: 'Dismissing-avoidant',
  fearful_disorganized: 'Fearful-disorganized',
};

export const SETTING_LABELS: Record<Setting, string> = {
  private_practice: 'Private practice',
  community_clinic: 'Community clinic',
  university_counselling: 'University counselling',
  telehealth: 'Telehealth (video)',
};

export const RUPTURE_LABELS: Record<RuptureType, string> = { withdrawal: 'Withdrawal', confrontation: 'Confrontation' };

export const signed = (n: number): string => (n > 0 ? `+${n}` : n === 0 ? '±0' : `−${Math.abs(n)}`);

/** "res_acknowledge_contribution" → the rubric's plain label. */
export function moveLabel(labels: Record<string, { label: string }>, move: string): string {
  return labels[move]?.label ?? move.replace(/_/g, ' ');
}

/**
 * "Content notes: suicidal thoughts, self-harm." on a card or the briefing, as
 * plain text a screen reader reads in order; nothing at all when a scenario has none.
 */
export function contentNotes(notes: readonly ContentNote[] | undefined): HTMLParagraphElement | null {
  if (!notes?.length) return null;
  return h('p', { class: 'content-notes' }, h('strong', {}, 'Content notes:'), ` ${notes.map((note) => CONTENT_NOTE_LABELS[note]).join(', ')}.`);
}
