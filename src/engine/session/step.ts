/**
 * The semantics of play (docs/scenario-format.md, "How play proceeds"), as pure
 * functions over the session context. The compiled machine calls these from its
 * actions and guards; nothing else changes a session.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Branch, Response, Scenario } from '../schema/scenario.js';
import { bestResponse, clampScore, isRepairMove, scoreResponse } from '../scoring/evaluate.js';
import type { ResponseScore, TurnContext } from '../scoring/evaluate.js';
import { engagesMarker } from '../scoring/repair.js';
import { HARMFUL_KINDS, assessesRisk, ruptureTypeOf } from '../vocabulary.js';
import { conditionHolds } from './conditions.js';
import type { ConditionState } from './conditions.js';
import { episodeState, openEpisode, repairUsesOf, riskOpen } from './context.js';
import type { Episode, RiskGate, SessionContext } from './context.js';


export function branchesOf(response: Response): readonly Branch[] {
  return typeof response.next === 'string' ? [{ to: response.next }] : response.next;
}

export function findResponse(scenario: Scenario, beatId: string, responseId: string): Response | undefined {
  return scenario.beats[beatId]?.responses.find((response) => response.id === responseId);
}

/** The context the current beat is shown in. */
export function turnContext(scenario: Scenario, rubric: Rubric, context: SessionContext): TurnContext {
  return {
    rupture: openEpisode(context)?.type ?? 'none',
    attachment: scenario.client.attachment,
    riskOpen: riskOpen(context),
    trust: context.trust,
    safety: context.safety,
    repairUses: repairUsesOf((move) => isRepairMove(rubric, move), context.turns),
  };
}

/** Whether a turn used a move of kind unhelpful or unsafe. */
export function harms(rubric: Rubric, moves: readonly string[]): boolean {
  return moves.some((move) => {
    const kind = rubric.moves[move]?.kind;
    return kind !== undefined && HARMFUL_KINDS.includes(kind);
  });
}

/** Trust, safety and flags after choosing `response`, before moving on: what `next` is decided on. */
export function stateAfterTurn(scenario: Scenario, rubric: Rubric, context: SessionContext, response: Response): ConditionState {
  return applied(context, response, scoreResponse(rubric, response, turnContext(scenario, rubric, context)));
}

/** The sum is added and clamped once, then `set` applies (format, step 3). */
function applied(context: SessionContext, response: Response, score: ResponseScore): ConditionState {
  return {
    trust: clampScore(context.trust + score.trust),
    safety: clampScore(context.safety + score.safety),
    flags: { ...context.flags, ...response.set },
    episode: episodeState(context),
  };
}

/** The beat or ending `next` leads to from the given post-turn state. */
export function nextTarget(response: Response, after: ConditionState): string {
  for (const branch of branchesOf(response)) {
    if (!branch.when || conditionHolds(branch.when, after)) return branch.to;
  }
  throw new Error('a next list must end with a branch without "when"'); // the loader guarantees it
}

/** One turn: score the response in the beat's context, apply it, and record it. */
export function takeTurn(scenario: Scenario, rubric: Rubric, context: SessionContext, responseId: string): SessionContext {
  const beatId = context.at;
  const beat = scenario.beats[beatId];
  const response = findResponse(scenario, beatId, responseId);
  if (!beat || !response) throw new Error(`response "${responseId}" is not offered at "${beatId}"`);

  const shown = turnContext(scenario, rubric, context);
  const score = scoreResponse(rubric, response, shown);
  const after = applied(context, response, score);
  const { trust, safety, flags } = after;
  const index = context.turns.length;
  const episode = openEpisode(context) ? context.episodes.length - 1 : null;
  const next = nextTarget(response, after);

  const gates = context.gates.map((gate): RiskGate => ({
    ...gate,
    assessedAt: gate.assessedAt ?? (assessesRisk(response.moves) ? index : null),
  }));

  return {
    ...context,
    trust,
    safety,
    flags,
    gates,
    turns: [...context.turns, {
      index,
      beat: beatId,
      response: response.id,
      moves: response.moves,
      context: shown,
      moveScores: score.moves,
      deltas: { trust: trust - context.trust, safety: safety - context.safety },
      trust,
      safety,
      harm: Math.max(0, -score.safety),
      rating: score.rating,
      best: bestResponse(rubric, beat.responses, shown).id,
      episode,
      repairPenalty: score.repairPenalty,
      resolutionBonus: 0,
      feedback: response.feedback ?? null,
      next,
    }],
  };
}

/**
 * Entering a beat: marker, then risk, then stage, then resolves (format, step
 * 2). The turn that led here decides two things: whether a new episode was
 * provoked, and whether a `resolves` beat resolves the episode at all.
 */
export function enterBeat(scenario: Scenario, rubric: Rubric, context: SessionContext, beatId: string): SessionContext {
  const beat = scenario.beats[beatId];
  if (!beat) throw new Error(`no beat "${beatId}"`);
  const upcomingTurn = context.turns.length;
  const ledHere = context.turns[upcomingTurn - 1];
  let episodes = [...context.episodes];
  let gates = context.gates;
  let { trust, turns } = context;
  const replaceOpen = (change: (episode: Episode) => Episode) => {
    const open = openEpisode({ ...context, episodes });
    if (open) episodes = [...episodes.slice(0, -1), change(open)];
    return open;
  };

  if (beat.marker) {
    const marker = { marker: beat.marker, beat: beatId, turn: upcomingTurn };
    const type = ruptureTypeOf(beat.marker);
    const added = replaceOpen((open) => ({ ...open, type, markers: [...open.markers, marker] }));
    if (!added) {
      episodes.push({
        type, markers: [marker], highestStage: null, status: 'open', openedAt: upcomingTurn, resolvedAt: null, closedAt: null,
        provoked: ledHere !== undefined && harms(rubric, ledHere.moves),
      });
    }
  }
  if (beat.risk) {
    gates = [...gates, { kind: beat.risk, beat: beatId, imminent: beat.imminent === true, openedAt: upcomingTurn, assessedAt: null }];
  }
  if (beat.stage !== undefined) {
    const stage = beat.stage;
    replaceOpen((open) => ({ ...open, highestStage: Math.max(open.highestStage ?? 0, stage) }));
  }
  if (beat.resolves) {
    // Resolution needs a reply that engaged the rupture and rated at least 3; reaching the beat any other way closes it unresolved.
    const engaged = ledHere !== undefined && engagesMarker(rubric, ledHere.moves, ledHere.rating);
    const closed = replaceOpen((open) => ({ ...open, status: engaged ? 'resolved' : 'unresolved', resolvedAt: engaged ? upcomingTurn : null, closedAt: upcomingTurn }));
    if (closed && engaged && !closed.provoked && rubric.resolution_bonus > 0 && ledHere) {
      const before = trust;
      trust = clampScore(trust + rubric.resolution_bonus);
      // The bonus belongs to the turn that brought the client here.
      turns = [...turns.slice(0, -1), {
        ...ledHere,
        trust,
        deltas: { ...ledHere.deltas, trust: ledHere.deltas.trust + (trust - before) },
        resolutionBonus: trust - before,
      }];
    }
  }
  return { ...context, at: beatId, trust, turns, episodes, gates };
}

export function enterEnding(context: SessionContext, endingId: string): SessionContext {
  return { ...context, at: endingId, ending: endingId };
}
