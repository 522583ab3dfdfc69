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
  trust: 'The client\'s trust in you at the end: warmth, attunement, and not defending yourself.',
  safety: '100 minus harm done: the felt safety each reply cost the client, plus 20 if you asked about risk a turn late. Zero if a risk cue went unasked. Not the felt safety the chart shows.',
  repair: 'How you met ruptures: noticing the marker, repairing with a fitting strategy, and seeing it through.',
} as const;
