/**
 * A beat's nonverbal cue in plain words, e.g. "hurt; arms folded, turned
 * away; looks away". The game reads it to screen readers beside the portrait;
 * the command line prints it. One wording, used everywhere.
 */
import type { Beat } from './schema/scenario.js';
import type { Affect, Gaze, Posture } from './vocabulary.js';

const AFFECT_WORDS: Record<Affect, string> = {
  neutral: 'calm, neutral expression',
  warm: 'warm',
  relieved: 'relieved',
  anxious: 'anxious',
  hurt: 'hurt',
  tearful: 'tearful',
  angry: 'angry',
  irritated: 'irritated',
  flat: 'flat, little expression',
  guarded: 'guarded',
  ashamed: 'ashamed',
  dissociated: 'far away, as if not quite present',
};

const POSTURE_WORDS: Record<Posture, string> = {
  open: 'sitting openly',
  closed: 'arms folded',
  leaning_in: 'leaning in',
  turned_away: 'turned away',
  restless: 'restless, shifting in the chair',
  slumped: 'slumped',
};

const GAZE_WORDS: Record<Gaze, string> = {
  direct: 'meets your eyes',
  averted: 'looks away',
  down: 'looks down',
  searching: 'searches your face',
};

export function describeCue(cue: Beat['cue']): string {
  if (!cue) return '';
  const parts = [
    cue.affect && AFFECT_WORDS[cue.affect],
    cue.posture && POSTURE_WORDS[cue.posture],
    cue.gaze && GAZE_WORDS[cue.gaze],
    cue.note,
  ].filter((part): part is string => !!part);
  return parts.join('; ');
}
