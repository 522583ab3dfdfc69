/** Scores in plain words, for the debrief. The same bands for Trust, Safety and Rupture-repair. */
export interface Band {
  readonly label: string;
  readonly meaning: string;
}

export function bandOf(score: number): Band {
  if (score >= 80) return { label: 'Strong', meaning: 'consistently attuned and safe; worth showing a supervisor as a model' };
  if (score >= 60) return { label: 'Competent', meaning: 'the working standard for a trainee; a few moments to revisit' };
  if (score >= 40) return { label: 'Developing', meaning: 'some helpful moves, and some that cost the client; review the marked turns' };
  return { label: 'Needs practice', meaning: 'the session went against the client more often than not; try again with the feedback on' };
}

export const SCORE_HELP = {
  trust: 'How safe the client felt with you as a person: warmth, attunement, and not defending yourself.',
  safety: 'How well you kept the client safe: risk asked about directly, pacing, no harm done. Zero if a risk cue went unasked.',
  repair: 'How you met ruptures: noticing the marker, repairing with a fitting strategy, and seeing it through.',
} as const;
