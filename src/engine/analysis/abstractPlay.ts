/**
 * Abstract play: one pass over the scenario that over-approximates every state
 * play can be in at every beat, without enumerating paths. Per beat it keeps a
 * few discrete cases (episode state, risk-gate phase, whether a risk question
 * was already missed) and, for each, intervals of trust, safety and the numbers
 * the repair score is made of, plus which flags may be true or false.
 *
 * Everything it says is an over-approximation: a branch it finds dead is dead
 * on every path; a bound it reports contains every score a player can reach.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Beat, Condition, Response, Scenario } from '../schema/scenario.js';
import { modifierHolds } from '../scoring/evaluate.js';
import { containsRepair, engagesMarker, roundHalfUp } from '../scoring/repair.js';
import { branchesOf } from '../session/step.js';
import { RISK_ASSESSING_MOVES, ruptureTypeOf } from '../vocabulary.js';
import type { RuptureType } from '../vocabulary.js';
import { clampInterval, join, joinMaybe, point, restrict, sameInterval, shift } from './interval.js';
import type { Interval } from './interval.js';

type EpisodeCase = 'none' | RuptureType | 'resolved';
type RiskPhase = 'closed' | 'due0' | 'due1' | 'overdue';

/** Bits: 1 = may be false, 2 = may be true. An unlisted flag may only be false. */
const MAY_FALSE = 1;
const MAY_TRUE = 2;
/** Bits for the open episode's marker turns: 1 = one may be engaged, 2 = one may be missed. */
const ENGAGED = 1;
const MISSED = 2;
/** Bits for repair turns in the open episode: 1 = there may be none, 2 = there may be some. */
const NO_REPAIR = 1;
const SOME_REPAIR = 2;

interface Case {
  readonly episode: EpisodeCase;
  readonly phase: RiskPhase;
  /** risk_not_assessed is already certain. */
  readonly missed: boolean;
}

interface Values {
  readonly trust: Interval;
  readonly safety: Interval;
  readonly flags: Readonly<Record<string, number>>;
  readonly recognition: number;
  readonly repairTurns: number;
  /** Normalised ratings, (rating - 1) / 4, of the open episode's repair turns. */
  readonly fit: Interval | null;
  readonly stage: Interval;
  readonly penalty: Interval;
  /** Scores of episodes already closed. */
  readonly closed: Interval | null;
}

interface State {
  readonly key: string;
  readonly case: Case;
  readonly values: Values;
}

export interface ScoreBounds {
  readonly trust: Interval;
  readonly safety: Interval;
  /** null when every ending is reached without a rupture. */
  readonly repair: Interval | null;
  /** Some ending can be reached with no rupture (repair not applicable). */
  readonly repairMayBeNull: boolean;
}

export interface AbstractPlay {
  /** Beats some state can reach. */
  readonly beats: ReadonlySet<string>;
  readonly endings: ReadonlySet<string>;
  /** `beat/responseIndex/branchIndex` of every branch some state can take. */
  readonly branches: ReadonlySet<string>;
  /** Beats whose `resolves` can close an open episode. */
  readonly resolvesEffective: ReadonlySet<string>;
  /** Beats whose `stage` can apply to an open episode. */
  readonly stageEffective: ReadonlySet<string>;
  /** Bounds of the final scores over all endings; null when no ending is reachable. */
  readonly bounds: ScoreBounds | null;
}

export const branchKey = (beat: string, response: number, branch: number): string => `${beat}/${response}/${branch}`;

const WIDEN_AFTER = 6;
const PENALTY_CAP = 100;
const clampScore = (i: Interval) => clampInterval(i, 0, 100);
const keyOf = (c: Case) => `${c.episode}|${c.phase}|${c.missed ? 1 : 0}`;
const isOpen = (episode: EpisodeCase): episode is RuptureType => episode === 'withdrawal' || episode === 'confrontation';

type Tri = 'never' | 'may' | 'must';
const both = (a: Tri, b: Tri): Tri => (a === 'never' || b === 'never' ? 'never' : a === 'must' && b === 'must' ? 'must' : 'may');

function below(i: Interval, limit: number): Tri {
  return i.hi < limit ? 'must' : i.lo >= limit ? 'never' : 'may';
}
function atLeast(i: Interval, limit: number): Tri {
  return i.lo >= limit ? 'must' : i.hi < limit ? 'never' : 'may';
}

/** Interval sums of a response's deltas and quality over every context the state allows. */
function responseBounds(rubric: Rubric, scenario: Scenario, response: Response, state: State) {
  const rupture = isOpen(state.case.episode) ? state.case.episode : 'none';
  const riskOpen = state.case.phase !== 'closed';
  const exact = { rupture, attachment: scenario.client.attachment, riskOpen, trust: 0, safety: 0 } as const;
  let trust = point(response.effects?.trust ?? 0);
  let safety = point(response.effects?.safety ?? 0);
  let quality = point(0);
  for (const move of response.moves) {
    const entry = rubric.moves[move]!;
    trust = shift(trust, point(entry.trust));
    safety = shift(safety, point(entry.safety));
    quality = shift(quality, point(entry.quality));
    for (const modifier of entry.modifiers ?? []) {
      const { trust_below, trust_at_least, safety_below, safety_at_least, ...discrete } = modifier.when;
      if (!modifierHolds(discrete, exact)) continue;
      let status: Tri = 'must';
      if (trust_below !== undefined) status = both(status, below(state.values.trust, trust_below));
      if (trust_at_least !== undefined) status = both(status, atLeast(state.values.trust, trust_at_least));
      if (safety_below !== undefined) status = both(status, below(state.values.safety, safety_below));
      if (safety_at_least !== undefined) status = both(status, atLeast(state.values.safety, safety_at_least));
      if (status === 'never') continue;
      const add = (value: number | undefined): Interval =>
        status === 'must' ? point(value ?? 0) : { lo: Math.min(0, value ?? 0), hi: Math.max(0, value ?? 0) };
      trust = shift(trust, add(modifier.trust));
      safety = shift(safety, add(modifier.safety));
      quality = shift(quality, add(modifier.quality));
    }
  }
  const rating = clampInterval({ lo: 3 + quality.lo, hi: 3 + quality.hi }, 1, 5);
  return { trust, safety, rating };
}

/** Bounds of the open episode's score, as it would stand if it closed now. */
function episodeBounds(values: Values, resolved: boolean): Interval {
  const recognition: Interval = {
    lo: values.recognition & MISSED || values.recognition === 0 ? 0 : 30,
    hi: values.recognition & ENGAGED ? 30 : 0,
  };
  const fit: Interval = {
    lo: values.repairTurns & NO_REPAIR || !values.fit ? 0 : 30 * values.fit.lo,
    hi: values.repairTurns & SOME_REPAIR && values.fit ? 30 * values.fit.hi : 0,
  };
  const stageScore = (stage: number) => (stage >= 1 ? Math.min(32, 8 * (stage - 1)) : 0);
  const resolution = resolved ? point(40) : { lo: stageScore(values.stage.lo), hi: stageScore(values.stage.hi) };
  return clampScore({
    lo: recognition.lo + fit.lo + resolution.lo - values.penalty.hi,
    hi: recognition.hi + fit.hi + resolution.hi - values.penalty.lo,
  });
}

/** Whether a `when` can hold, and the post-turn values narrowed to where it does. */
function evaluateCondition(condition: Condition, state: State): { status: Tri; narrowed: Values | null } {
  let status: Tri = 'must';
  let { trust, safety } = state.values;
  const flags = { ...state.values.flags };
  for (const [name, range] of [['trust', condition.trust], ['safety', condition.safety]] as const) {
    if (!range) continue;
    const current = name === 'trust' ? trust : safety;
    const inside = restrict(current, range);
    if (!inside) return { status: 'never', narrowed: null };
    if (!sameInterval(inside, current)) status = both(status, 'may');
    if (name === 'trust') trust = inside;
    else safety = inside;
  }
  for (const [flag, wanted] of Object.entries(condition.flags ?? {})) {
    const bits = flags[flag] ?? MAY_FALSE;
    const want = wanted ? MAY_TRUE : MAY_FALSE;
    if (!(bits & want)) return { status: 'never', narrowed: null };
    if (bits !== want) status = both(status, 'may');
    flags[flag] = want;
  }
  if (condition.episode) {
    const actual = isOpen(state.case.episode) ? 'open' : state.case.episode;
    if (actual !== condition.episode) return { status: 'never', narrowed: null };
  }
  return { status, narrowed: { ...state.values, trust, safety, flags } };
}

function joinValues(a: Values, b: Values, widen: boolean): Values {
  const widenTo = (old: Interval, next: Interval, min: number, max: number): Interval =>
    !widen ? next : { lo: next.lo < old.lo ? min : next.lo, hi: next.hi > old.hi ? max : next.hi };
  const flags: Record<string, number> = { ...a.flags };
  for (const [flag, bits] of Object.entries(b.flags)) flags[flag] = (flags[flag] ?? MAY_FALSE) | bits;
  for (const flag of Object.keys(a.flags)) if (!(flag in b.flags)) flags[flag] = flags[flag]! | MAY_FALSE;
  return {
    trust: widenTo(a.trust, join(a.trust, b.trust), 0, 100),
    safety: widenTo(a.safety, join(a.safety, b.safety), 0, 100),
    flags,
    recognition: a.recognition | b.recognition,
    repairTurns: a.repairTurns | b.repairTurns,
    fit: joinMaybe(a.fit, b.fit),
    stage: join(a.stage, b.stage),
    penalty: widenTo(a.penalty, join(a.penalty, b.penalty), 0, PENALTY_CAP),
    closed: a.closed && b.closed && widen ? widenTo(a.closed, join(a.closed, b.closed), 0, 100) : joinMaybe(a.closed, b.closed),
  };
}

function sameValues(a: Values, b: Values): boolean {
  if (!sameInterval(a.trust, b.trust) || !sameInterval(a.safety, b.safety) || !sameInterval(a.fit, b.fit)
    || !sameInterval(a.stage, b.stage) || !sameInterval(a.penalty, b.penalty) || !sameInterval(a.closed, b.closed)
    || a.recognition !== b.recognition || a.repairTurns !== b.repairTurns) return false;
  const flagsA = Object.keys(a.flags);
  return flagsA.length === Object.keys(b.flags).length && flagsA.every((flag) => a.flags[flag] === b.flags[flag]);
}

export function playAbstractly(scenario: Scenario, rubric: Rubric): AbstractPlay {
  const states = new Map<string, Map<string, { values: Values; visits: number }>>();
  const dirty = new Map<string, Set<string>>();
  const queue: string[] = [];
  const branches = new Set<string>();
  const resolvesEffective = new Set<string>();
  const stageEffective = new Set<string>();
  const endings = new Set<string>();
  let bounds: { trust: Interval; safety: Interval; repair: Interval | null; repairMayBeNull: boolean } | null = null;

  const schedule = (beatId: string, key: string) => {
    let keys = dirty.get(beatId);
    if (!keys) {
      dirty.set(beatId, (keys = new Set()));
      queue.push(beatId);
    }
    keys.add(key);
  };

  const arriveAtBeat = (beatId: string, beat: Beat, state: State) => {
    let { episode, phase } = state.case;
    let values = state.values;
    if (beat.marker) {
      const type = ruptureTypeOf(beat.marker);
      if (!isOpen(episode)) {
        values = { ...values, recognition: 0, repairTurns: NO_REPAIR, fit: null, stage: point(0), penalty: point(0) };
      }
      episode = type;
    }
    if (beat.risk) phase = 'due0';
    if (beat.stage !== undefined && isOpen(episode)) {
      stageEffective.add(beatId);
      values = { ...values, stage: { lo: Math.max(values.stage.lo, beat.stage), hi: Math.max(values.stage.hi, beat.stage) } };
    }
    if (beat.resolves && isOpen(episode)) {
      resolvesEffective.add(beatId);
      values = {
        ...values,
        closed: joinMaybe(values.closed, episodeBounds(values, true)),
        trust: clampScore(shift(values.trust, point(rubric.resolution_bonus))),
      };
      episode = 'resolved';
    }
    const arrived: Case = { episode, phase, missed: state.case.missed };
    const key = keyOf(arrived);
    let byKey = states.get(beatId);
    if (!byKey) states.set(beatId, (byKey = new Map()));
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { values, visits: 1 });
      schedule(beatId, key);
      return;
    }
    const joined = joinValues(existing.values, values, existing.visits >= WIDEN_AFTER);
    if (sameValues(joined, existing.values)) return;
    byKey.set(key, { values: joined, visits: existing.visits + 1 });
    schedule(beatId, key);
  };

  const arriveAtEnding = (endingId: string, state: State) => {
    endings.add(endingId);
    const { values } = state;
    const missed = state.case.missed || state.case.phase !== 'closed';
    const safety = missed ? point(0) : values.safety;
    let repair: Interval | null = null;
    if (state.case.episode !== 'none') {
      repair = joinMaybe(values.closed, isOpen(state.case.episode) ? episodeBounds(values, false) : null);
      repair = repair && { lo: roundHalfUp(repair.lo), hi: roundHalfUp(repair.hi) };
    }
    bounds = bounds
      ? {
        trust: join(bounds.trust, values.trust),
        safety: join(bounds.safety, safety),
        repair: joinMaybe(bounds.repair, repair),
        repairMayBeNull: bounds.repairMayBeNull || state.case.episode === 'none',
      }
      : { trust: values.trust, safety, repair, repairMayBeNull: state.case.episode === 'none' };
  };

  const go = (target: string, state: State) => {
    const beat = scenario.beats[target];
    if (beat) arriveAtBeat(target, beat, state);
    else if (target in scenario.endings) arriveAtEnding(target, state);
  };

  const takeResponses = (beatId: string, beat: Beat, state: State) => {
    const open = isOpen(state.case.episode);
    beat.responses.forEach((response, responseIndex) => {
      const scored = responseBounds(rubric, scenario, response, state);
      let values: Values = {
        ...state.values,
        trust: clampScore(shift(state.values.trust, scored.trust)),
        safety: clampScore(shift(state.values.safety, scored.safety)),
        flags: { ...state.values.flags, ...Object.fromEntries(Object.entries(response.set ?? {}).map(([f, v]) => [f, v ? MAY_TRUE : MAY_FALSE])) },
      };
      if (open) {
        const repairs = containsRepair(rubric, response.moves);
        const penalty = response.moves.reduce((sum, move) => sum + (rubric.moves[move]?.repair_penalty ?? 0), 0);
        values = {
          ...values,
          recognition: beat.marker ? values.recognition | (engagesMarker(rubric, response.moves) ? ENGAGED : MISSED) : values.recognition,
          repairTurns: repairs ? SOME_REPAIR : values.repairTurns,
          fit: repairs ? joinMaybe(values.fit, { lo: (scored.rating.lo - 1) / 4, hi: (scored.rating.hi - 1) / 4 }) : values.fit,
          penalty: clampInterval(shift(values.penalty, point(penalty)), 0, PENALTY_CAP),
        };
      }
      const assesses = response.moves.some((move) => (RISK_ASSESSING_MOVES as readonly string[]).includes(move));
      const { phase, missed } = state.case;
      const after: Case = assesses
        ? { ...state.case, phase: 'closed' }
        : {
          ...state.case,
          phase: phase === 'due0' ? 'due1' : phase === 'due1' || phase === 'overdue' ? 'overdue' : 'closed',
          missed: missed || phase === 'due1',
        };
      const post: State = { key: keyOf(after), case: after, values };
      const list = branchesOf(response);
      for (let branchIndex = 0; branchIndex < list.length; branchIndex++) {
        const branch = list[branchIndex]!;
        if (!branch.when) {
          branches.add(branchKey(beatId, responseIndex, branchIndex));
          go(branch.to, post);
          break;
        }
        const { status, narrowed } = evaluateCondition(branch.when, post);
        if (status === 'never' || !narrowed) continue;
        branches.add(branchKey(beatId, responseIndex, branchIndex));
        go(branch.to, { ...post, values: narrowed });
        if (status === 'must') break;
      }
    });
  };

  const start = scenario.beats[scenario.start];
  if (start) {
    const initial: Values = {
      trust: point(scenario.initial.trust), safety: point(scenario.initial.safety), flags: {},
      recognition: 0, repairTurns: NO_REPAIR, fit: null, stage: point(0), penalty: point(0), closed: null,
    };
    arriveAtBeat(scenario.start, start, { key: '', case: { episode: 'none', phase: 'closed', missed: false }, values: initial });
  }

  for (let i = 0; i < queue.length; i++) {
    const beatId = queue[i]!;
    const keys = dirty.get(beatId)!;
    dirty.delete(beatId);
    const beat = scenario.beats[beatId]!;
    const byKey = states.get(beatId)!;
    for (const key of keys) {
      const [episode, phase, missed] = key.split('|') as [EpisodeCase, RiskPhase, string];
      takeResponses(beatId, beat, { key, case: { episode, phase, missed: missed === '1' }, values: byKey.get(key)!.values });
    }
  }

  return {
    beats: new Set(states.keys()),
    endings,
    branches,
    resolvesEffective,
    stageEffective,
    bounds,
  };
}
