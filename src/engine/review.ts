/**
 * An attempt laid out for review, turn by turn: what the client said and did,
 * what the trainee chose, and every reply that was on offer with the rating it
 * would have earned at that moment (scored in the context the trainee saw).
 */
import { describeCue } from './cue.js';
import type { AttemptResult } from './result.js';
import { clampScore, scoreResponse } from './scoring/evaluate.js';
import type { TurnContext } from './scoring/evaluate.js';
import type { Rubric } from './schema/rubric.js';
import type { Response, Scenario } from './schema/scenario.js';
import type { SessionContext } from './session/context.js';
import { turnContext } from './session/step.js';
import { shuffledFor } from './shuffle.js';

export interface ReviewOption {
  readonly id: string;
  readonly say: string;
  /** The moves the reply makes, in the rubric's plain words. */
  readonly moves: readonly string[];
  readonly rating: number;
  /** The change it would make to trust and safety, after clamping. */
  readonly trust: number;
  readonly safety: number;
  readonly feedback: string | null;
  readonly chosen: boolean;
  readonly best: boolean;
}

export interface ReviewTurn {
  readonly index: number;
  readonly beat: string;
  readonly client: string;
  /** The nonverbal cue in words, as a screen reader hears it. */
  readonly cue: string;
  readonly marker: string | null;
  readonly risk: string | null;
  /** Index of the rupture episode open when the beat was shown. */
  readonly episode: number | null;
  readonly options: readonly ReviewOption[];
  /** Felt trust and safety after the turn: the client's state. */
  readonly trust: number;
  readonly safety: number;
  /** Safety lost on the turn, which the Safety score subtracts. */
  readonly harm: number;
}

/** A reply on offer, rated in the context its beat is shown in. */
export interface RatedReply {
  readonly response: Response;
  readonly rating: number;
  /** The change it would make to trust and safety, after clamping. */
  readonly trust: number;
  readonly safety: number;
}

function rate(rubric: Rubric, response: Response, shown: TurnContext): RatedReply {
  const score = scoreResponse(rubric, response, shown);
  return {
    response,
    rating: score.rating,
    trust: clampScore(shown.trust + score.trust) - shown.trust,
    safety: clampScore(shown.safety + score.safety) - shown.safety,
  };
}

/**
 * The replies on offer at the beat a session has reached, each rated as the
 * review will rate it, with the context they are shown in (an open rupture, a
 * risk cue waiting for its question). Empty at an ending.
 */
export function offersAt(scenario: Scenario, rubric: Rubric, context: SessionContext): { shown: TurnContext; replies: RatedReply[] } {
  const shown = turnContext(scenario, rubric, context);
  const beat = context.ending === null ? scenario.beats[context.at] : undefined;
  return { shown, replies: (beat?.responses ?? []).map((response) => rate(rubric, response, shown)) };
}

/**
 * Every turn with the replies on offer in the order `attemptId` showed them,
 * so a supervisor sees what the trainee saw.
 */
export function reviewTurns(scenario: Scenario, rubric: Rubric, result: AttemptResult, attemptId: string): ReviewTurn[] {
  const label = (move: string) => rubric.moves[move]?.label ?? move.replace(/_/g, ' ');
  return result.turns.map((turn) => {
    const beat = scenario.beats[turn.beat]!;
    const shown = turn.context;
    return {
      index: turn.index,
      beat: turn.beat,
      client: beat.client,
      cue: describeCue(beat.cue),
      marker: beat.marker ?? null,
      risk: beat.risk ?? null,
      episode: turn.episode,
      trust: turn.trust,
      safety: turn.safety,
      harm: turn.harm,
      options: shuffledFor(beat.responses, attemptId, turn.beat).map((response): ReviewOption => {
        const { rating, trust, safety } = rate(rubric, response, shown);
        return {
          id: response.id,
          say: response.say,
          moves: response.moves.map(label),
          rating, trust, safety,
          feedback: response.feedback ?? null,
          chosen: response.id === turn.response,
          best: response.id === turn.best,
        };
      }),
    };
  });
}
