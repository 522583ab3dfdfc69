/**
 * Abstract play: one pass over the scenario that over-approximates every state
 * play can be in at every beat, without enumerating paths. Per beat it keeps a
 * few discrete cases (episode state, risk-gate phase) and, for each, intervals of trust, safety and the numbers
 * the repair score is made of, plus which flags may be true or false.
 *
 * Everything it says is an over-approximation: a branch it finds dead is dead
 * on every path; a bound it reports contains every score a player can reach.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Beat, Condition, Response, Scenario } from '../schema/scenario.js';
import { combinedDelta, isRepairMove, modifierHolds, ratingOf, repairPenaltyOf } from '../scoring/evaluate.js';
import { RISK_DELAYED_HARM } from '../scoring/criticalFlags.js';
import { ENGAGING_RATING, REPAIR_WEIGHTS, containsRepair, mayEngage, roundHalfUp, stageCredit } from '../scoring/repair.js';
import { branchesOf, harms } from '../session/step.js';
import { STAYING_MOVES, assessesRisk, ruptureTypeOf } from '../vocabulary.js';
import type { RuptureType } from '../vocabulary.js';
import { clampInterval, join, joinMaybe, point, restrict, sameInterval, shift } from './interval.js';
import type { Interval } from './interval.js';
import { Worklist, reversePostorder } from './worklist.js';

/** No episode yet, one open of a type, the latest resolved, or the latest closed unresolved. */
type EpisodeCase = 'none' | RuptureType | 'resolved' | 'closed';
/**
 * Pending risk gates: none; one due on this turn or the next (due0); one due on
 * this turn at the latest after a reply that stayed with the client (due1) or
 * one that did not (due1x, asking now is late); or both at once (a cue raised
 * again in time).
 */
type RiskPhase = 'closed' | 'due0' | 'due1' | 'due1x' | 'both';

/** Bits: 1 = may be false, 2 = may be true. An unlisted flag may only be false. */
const MAY_FALSE = 1;
const MAY_TRUE = 2;
/** Bits for the open episode's marker turns: 1 = one may be engaged, 2 = one may be missed. */
const ENGAGED = 1;
const MISSED = 2;
/** Bits for risk_not_assessed: 1 = it may not have been raised, 2 = it may have been. */
const NOT_MISSED = 1;
const MISSED_QUESTION = 2;
/** Bits for repair turns in the open episode: 1 = there may be none, 2 = there may be some. */
const NO_REPAIR = 1;
const SOME_REPAIR = 2;
/** Bits for risk_delayed: 1 = it may not have been noted, 2 = it may have been. */
const NOT_DELAYED = 1;
const DELAYED = 2;
/** Harm past 100 makes no difference to the Safety score. */
const HARM_CAP = 100;

interface Case {
  readonly episode: EpisodeCase;
  readonly phase: RiskPhase;
}

interface Values {
  readonly trust: Interval;
  readonly safety: Interval;
  readonly flags: Readonly<Record<string, number>>;
  readonly recognition: number;
  readonly repairTurns: number;
  readonly missedQuestion: number;
  /** Normalised ratings, (rating - 1) / 4, of the open episode's repair turns. */
  readonly fit: Interval | null;
  readonly stage: Interval;
  readonly penalty: Interval;
  /** Scores of episodes already closed. */
  readonly closed: Interval | null;
  /** Safety lost so far, capped at HARM_CAP. */
  readonly harm: Interval;
  readonly delayed: number;
  /** Whether the open episode may be provoked: MAY_FALSE / MAY_TRUE bits. */
  readonly provoked: number;
  /** Repair moves some path here may already have used (their repetition discount may apply). */
  readonly usedRepairs: ReadonlySet<string>;
}

/** What the turn that leads into a beat did: whether it engaged a rupture, whether it harmed. */
interface Via {
  readonly engages: Tri;
  readonly harmful: boolean;
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

const WIDEN_AFTER = 4;
const PENALTY_CAP = 100;
const clampScore = (i: Interval) => clampInterval(i, 0, 100);
const keyOf = (c: Case) => `${c.episode}|${c.phase}`;
const isOpen = (episode: EpisodeCase): episode is RuptureType => episode === 'withdrawal' || episode === 'confrontation';

type Tri = 'never' | 'may' | 'must';
const both = (a: Tri, b: Tri): Tri => (a === 'never' || b === 'never' ? 'never' : a === 'must' && b === 'must' ? 'must' : 'may');

function below(i: Interval, limit: number): Tri {
  return i.hi < limit ? 'must' : i.lo >= limit ? 'never' : 'may';
}
function atLeast(i: Interval, limit: number): Tri {
  return i.lo >= limit ? 'must' : i.hi < limit ? 'never' : 'may';
}

/** What never changes about a response between visits, computed once per beat. */
interface ResponsePlan {
  readonly response: Response;
  readonly sets: readonly (readonly [string, number])[];
  readonly assesses: boolean;
  readonly repairs: boolean;
  /** Its moves can engage a marker (it still has to rate at least 3). */
  readonly engages: boolean;
  readonly stays: boolean;
  readonly harmful: boolean;
  readonly repairMoves: readonly string[];
  readonly penalty: number;
  /** No modifier of its moves looks at trust or safety, so its bounds depend on the case alone. */
  readonly levelFree: boolean;
  readonly byCase: Map<string, ReturnType<typeof responseBounds>>;
  readonly branches: readonly { readonly when: Condition | undefined; readonly to: string; readonly key: string }[];
}

function planResponses(rubric: Rubric, beatId: string, beat: Beat): ResponsePlan[] {
  return beat.responses.map((response, responseIndex) => ({
    response,
    sets: Object.entries(response.set ?? {}).map(([flag, value]) => [flag, value ? MAY_TRUE : MAY_FALSE] as const),
    assesses: assessesRisk(response.moves),
    repairs: containsRepair(rubric, response.moves),
    engages: mayEngage(rubric, response.moves),
    stays: response.moves.some((m) => (STAYING_MOVES as readonly string[]).includes(m)) && !harms(rubric, response.moves),
    harmful: harms(rubric, response.moves),
    repairMoves: response.moves.filter((move) => isRepairMove(rubric, move)),
    penalty: repairPenaltyOf(rubric, response.moves),
    levelFree: response.moves.every((move) => (rubric.moves[move]?.modifiers ?? []).every(({ when }) =>
      when.trust_below === undefined && when.trust_at_least === undefined && when.safety_below === undefined && when.safety_at_least === undefined)),
    byCase: new Map(),
    branches: branchesOf(response).map((branch, branchIndex) => ({ when: branch.when, to: branch.to, key: branchKey(beatId, responseIndex, branchIndex) })),
  }));
}

/**
 * Bounds of a reply's capped deltas and rating over every context the state
 * allows. Each combination (best element plus worst, help not stacking, the
 * cap) only grows when a move's value grows, so the bounds come from the
 * moves' lower and upper values.
 */
function responseBounds(rubric: Rubric, scenario: Scenario, response: Response, state: State) {
  const rupture = isOpen(state.case.episode) ? state.case.episode : 'none';
  const riskOpen = state.case.phase !== 'closed';
  const exact = { rupture, attachment: scenario.client.attachment, riskOpen, trust: 0, safety: 0 } as const;
  const perMove = response.moves.map((move) => {
    const entry = rubric.moves[move]!;
    let trust = point(entry.trust);
    let safety = point(entry.safety);
    let quality = point(entry.quality);
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
    // A repair move used before keeps between nothing and all of a positive value.
    const discount = (i: Interval): Interval => (state.values.usedRepairs.has(move) && i.lo > 0 ? { lo: 0, hi: i.hi } : i);
    return { trust: discount(trust), safety: discount(safety), quality: discount(quality) };
  });
  const bound = (pick: (m: (typeof perMove)[number]) => Interval, effect: number): Interval => ({
    lo: combinedDelta(perMove.map((m) => pick(m).lo), effect, rubric.turn_cap),
    hi: combinedDelta(perMove.map((m) => pick(m).hi), effect, rubric.turn_cap),
  });
  return {
    trust: bound((m) => m.trust, response.effects?.trust ?? 0),
    safety: bound((m) => m.safety, response.effects?.safety ?? 0),
    rating: { lo: ratingOf(perMove.map((m) => m.quality.lo)), hi: ratingOf(perMove.map((m) => m.quality.hi)) },
  };
}

/** Bounds of the open episode's score, as it would stand if it closed now. */
function episodeBounds(values: Values, resolved: boolean): Interval {
  const recognition: Interval = {
    lo: values.recognition & MISSED || values.recognition === 0 ? 0 : REPAIR_WEIGHTS.recognition,
    hi: values.recognition & ENGAGED ? REPAIR_WEIGHTS.recognition : 0,
  };
  const fit: Interval = {
    lo: values.repairTurns & NO_REPAIR || !values.fit ? 0 : REPAIR_WEIGHTS.fit * values.fit.lo,
    hi: values.repairTurns & SOME_REPAIR && values.fit ? REPAIR_WEIGHTS.fit * values.fit.hi : 0,
  };
  const resolution = resolved ? point(REPAIR_WEIGHTS.resolved) : { lo: stageCredit(values.stage.lo), hi: stageCredit(values.stage.hi) };
  return clampScore({
    lo: recognition.lo + fit.lo + resolution.lo - values.penalty.hi,
    hi: recognition.hi + fit.hi + resolution.hi - values.penalty.lo,
  });
}

/** Whether a `when` can hold, and the post-turn values narrowed to where it does. */
function evaluateCondition(condition: Condition, state: State): { status: Tri; narrowed: Values | null } {
  let status: Tri = 'must';
  let { trust, safety } = state.values;
  let flags = state.values.flags as Record<string, number>;
  if (condition.flags) flags = { ...flags };
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
    // An episode closed unresolved is neither open, resolved nor none.
    const actual = isOpen(state.case.episode) ? 'open' : state.case.episode;
    if (actual !== condition.episode) return { status: 'never', narrowed: null };
  }
  return { status, narrowed: { ...state.values, trust, safety, flags } };
}

/** Past a few visits, a bound that still moves jumps to its limit, so loops settle quickly. */
function widenTo(widen: boolean, old: Interval, next: Interval, min: number, max: number): Interval {
  return !widen ? next : { lo: next.lo < old.lo ? min : next.lo, hi: next.hi > old.hi ? max : next.hi };
}

function joinValues(a: Values, b: Values, widen: boolean): Values {
  const flags: Record<string, number> = { ...a.flags };
  for (const [flag, bits] of Object.entries(b.flags)) flags[flag] = (flags[flag] ?? MAY_FALSE) | bits;
  for (const flag of Object.keys(a.flags)) if (!(flag in b.flags)) flags[flag] = flags[flag]! | MAY_FALSE;
  return {
    trust: widenTo(widen, a.trust, join(a.trust, b.trust), 0, 100),
    safety: widenTo(widen, a.safety, join(a.safety, b.safety), 0, 100),
    flags,
    recognition: a.recognition | b.recognition,
    missedQuestion: a.missedQuestion | b.missedQuestion,
    repairTurns: a.repairTurns | b.repairTurns,
    fit: joinMaybe(a.fit, b.fit),
    stage: join(a.stage, b.stage),
    penalty: widenTo(widen, a.penalty, join(a.penalty, b.penalty), 0, PENALTY_CAP),
    closed: a.closed && b.closed && widen ? widenTo(widen, a.closed, join(a.closed, b.closed), 0, 100) : joinMaybe(a.closed, b.closed),
    harm: widenTo(widen, a.harm, join(a.harm, b.harm), 0, HARM_CAP),
    delayed: a.delayed | b.delayed,
    provoked: a.provoked | b.provoked,
    usedRepairs: b.usedRepairs.size === 0 ? a.usedRepairs : a.usedRepairs.size === 0 ? b.usedRepairs : new Set([...a.usedRepairs, ...b.usedRepairs]),
  };
}

const within = (inner: Interval, outer: Interval) => outer.lo <= inner.lo && inner.hi <= outer.hi;
const withinMaybe = (inner: Interval | null, outer: Interval | null) => !inner || (!!outer && within(inner, outer));
const bitsWithin = (inner: number, outer: number) => (inner & ~outer) === 0;

/** Everything `b` allows, `a` already allows: joining would change nothing. */
function covers(a: Values, b: Values): boolean {
  if (!within(b.trust, a.trust) || !within(b.safety, a.safety) || !withinMaybe(b.fit, a.fit)
    || !within(b.stage, a.stage) || !within(b.penalty, a.penalty) || !withinMaybe(b.closed, a.closed)
    || !bitsWithin(b.recognition, a.recognition) || !bitsWithin(b.missedQuestion, a.missedQuestion) || !bitsWithin(b.repairTurns, a.repairTurns)
    || !within(b.harm, a.harm) || !bitsWithin(b.delayed, a.delayed) || !bitsWithin(b.provoked, a.provoked)) return false;
  for (const move of b.usedRepairs) if (!a.usedRepairs.has(move)) return false;
  for (const flag in b.flags) if (!bitsWithin(b.flags[flag]!, a.flags[flag] ?? MAY_FALSE)) return false;
  for (const flag in a.flags) if (!(flag in b.flags) && !bitsWithin(MAY_FALSE, a.flags[flag]!)) return false;
  return true;
}

export function playAbstractly(scenario: Scenario, rubric: Rubric): AbstractPlay {
  const states = new Map<string, Map<string, { values: Values; visits: number }>>();
  const dirty = new Map<string, Set<string>>();
  const { order, loopHeads } = reversePostorder(scenario);
  const worklist = new Worklist(order);
  const branches = new Set<string>();
  const resolvesEffective = new Set<string>();
  const stageEffective = new Set<string>();
  const endings = new Set<string>();
  let bounds: { trust: Interval; safety: Interval; repair: Interval | null; repairMayBeNull: boolean } | null = null;

  const schedule = (beatId: string, key: string) => {
    let keys = dirty.get(beatId);
    if (!keys) dirty.set(beatId, (keys = new Set()));
    keys.add(key);
    worklist.add(beatId);
  };

  const arriveAtBeat = (beatId: string, beat: Beat, state: State, via: Via | null) => {
    let { episode, phase } = state.case;
    let values = state.values;
    if (beat.marker) {
      const type = ruptureTypeOf(beat.marker);
      if (!isOpen(episode)) {
        values = {
          ...values, recognition: 0, repairTurns: NO_REPAIR, fit: null, stage: point(0), penalty: point(0),
          provoked: via?.harmful ? MAY_TRUE : MAY_FALSE,
        };
      }
      episode = type;
    }
    if (beat.risk) phase = phase === 'due1' || phase === 'due1x' || phase === 'both' ? 'both' : 'due0';
    if (beat.stage !== undefined && isOpen(episode)) {
      stageEffective.add(beatId);
      values = { ...values, stage: { lo: Math.max(values.stage.lo, beat.stage), hi: Math.max(values.stage.hi, beat.stage) } };
    }
    if (beat.resolves && isOpen(episode)) {
      resolvesEffective.add(beatId);
      const engages = via?.engages ?? 'never';
      if (engages !== 'must') {
        // Reached without an engaging reply: the episode closes unresolved, with stage credit only.
        record(beatId, { episode: 'closed', phase }, { ...values, closed: joinMaybe(values.closed, episodeBounds(values, false)) });
      }
      if (engages === 'never') return;
      const bonus = values.provoked & MAY_FALSE ? clampScore(shift(values.trust, point(rubric.resolution_bonus))) : values.trust;
      values = {
        ...values,
        closed: joinMaybe(values.closed, episodeBounds(values, true)),
        trust: values.provoked & MAY_TRUE ? join(values.trust, bonus) : bonus,
      };
      episode = 'resolved';
    }
    record(beatId, { episode, phase }, values);
  };

  const record = (beatId: string, arrived: Case, values: Values) => {
    const key = keyOf(arrived);
    let byKey = states.get(beatId);
    if (!byKey) states.set(beatId, (byKey = new Map()));
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { values, visits: 1 });
      schedule(beatId, key);
      return;
    }
    if (covers(existing.values, values)) return;
    byKey.set(key, { values: joinValues(existing.values, values, loopHeads.has(beatId) && existing.visits >= WIDEN_AFTER), visits: existing.visits + 1 });
    schedule(beatId, key);
  };

  const arriveAtEnding = (endingId: string, state: State) => {
    endings.add(endingId);
    const { values } = state;
    // A gate still open at the ending was never answered.
    const mayMiss = values.missedQuestion & MISSED_QUESTION || state.case.phase !== 'closed';
    const mayNotMiss = values.missedQuestion & NOT_MISSED && state.case.phase === 'closed';
    // Safety is 100 minus harm done, less 20 for a late question, and 0 with a question missed.
    const scored = clampScore({
      lo: 100 - values.harm.hi - (values.delayed & DELAYED ? RISK_DELAYED_HARM : 0),
      hi: 100 - values.harm.lo - (values.delayed & NOT_DELAYED ? 0 : RISK_DELAYED_HARM),
    });
    const safety = mayMiss ? (mayNotMiss ? join(point(0), scored) : point(0)) : scored;
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

  const go = (target: string, state: State, via: Via) => {
    const beat = scenario.beats[target];
    if (beat) arriveAtBeat(target, beat, state, via);
    else if (Object.hasOwn(scenario.endings, target)) arriveAtEnding(target, state);
  };

  const plans = new Map<string, ResponsePlan[]>();
  const planFor = (beatId: string, beat: Beat): ResponsePlan[] => {
    let plan = plans.get(beatId);
    if (!plan) plans.set(beatId, (plan = planResponses(rubric, beatId, beat)));
    return plan;
  };

  const takeResponses = (beatId: string, beat: Beat, state: State) => {
    const open = isOpen(state.case.episode);
    const { phase } = state.case;
    const answered: Case = { ...state.case, phase: 'closed' };
    for (const plan of planFor(beatId, beat)) {
      const unanswered: Case = {
        ...state.case,
        phase: phase === 'due0' || phase === 'both' ? (plan.stays ? 'due1' : 'due1x') : 'closed',
      };
      const used = plan.repairMoves.filter((move) => state.values.usedRepairs.has(move)).join(',');
      const cacheKey = `${state.key}|${used}`;
      const scored = plan.levelFree
        ? (plan.byCase.get(cacheKey) ?? plan.byCase.set(cacheKey, responseBounds(rubric, scenario, plan.response, state)).get(cacheKey)!)
        : responseBounds(rubric, scenario, plan.response, state);
      const before = state.values;
      let flags = before.flags;
      if (plan.sets.length) {
        const copy: Record<string, number> = { ...flags };
        for (const [flag, bits] of plan.sets) copy[flag] = bits;
        flags = copy;
      }
      const repairs = open && plan.repairs;
      const engages: Tri = !plan.engages || scored.rating.hi < ENGAGING_RATING ? 'never' : scored.rating.lo >= ENGAGING_RATING ? 'must' : 'may';
      const recognised = (engages === 'never' ? 0 : ENGAGED) | (engages === 'must' ? 0 : MISSED);
      const late = phase === 'due1x' ? DELAYED : phase === 'both' ? before.delayed | DELAYED : before.delayed;
      const values: Values = {
        trust: clampScore(shift(before.trust, scored.trust)),
        safety: clampScore(shift(before.safety, scored.safety)),
        flags,
        recognition: open && beat.marker ? before.recognition | recognised : before.recognition,
        repairTurns: repairs ? SOME_REPAIR : before.repairTurns,
        missedQuestion: !plan.assesses && (phase === 'due1' || phase === 'due1x' || phase === 'both') ? MISSED_QUESTION : before.missedQuestion,
        fit: repairs ? joinMaybe(before.fit, { lo: (scored.rating.lo - 1) / 4, hi: (scored.rating.hi - 1) / 4 }) : before.fit,
        stage: before.stage,
        penalty: open && plan.penalty ? clampInterval(shift(before.penalty, point(plan.penalty)), 0, PENALTY_CAP) : before.penalty,
        closed: before.closed,
        harm: clampInterval(shift(before.harm, { lo: Math.max(0, -scored.safety.hi), hi: Math.max(0, -scored.safety.lo) }), 0, HARM_CAP),
        delayed: plan.assesses ? late : before.delayed,
        provoked: before.provoked,
        usedRepairs: plan.repairMoves.every((move) => before.usedRepairs.has(move)) ? before.usedRepairs : new Set([...before.usedRepairs, ...plan.repairMoves]),
      };
      const after = plan.assesses ? answered : unanswered;
      const post: State = { key: keyOf(after), case: after, values };
      const via: Via = { engages, harmful: plan.harmful };
      for (const branch of plan.branches) {
        if (!branch.when) {
          branches.add(branch.key);
          go(branch.to, post, via);
          break;
        }
        const { status, narrowed } = evaluateCondition(branch.when, post);
        if (status === 'never' || !narrowed) continue;
        branches.add(branch.key);
        go(branch.to, { ...post, values: narrowed }, via);
        if (status === 'must') break;
      }
    }
  };

  const start = scenario.beats[scenario.start];
  if (start) {
    const initial: Values = {
      trust: point(scenario.initial.trust), safety: point(scenario.initial.safety), flags: {},
      recognition: 0, repairTurns: NO_REPAIR, missedQuestion: NOT_MISSED, fit: null, stage: point(0), penalty: point(0), closed: null,
      harm: point(0), delayed: NOT_DELAYED, provoked: MAY_FALSE, usedRepairs: new Set(),
    };
    arriveAtBeat(scenario.start, start, { key: '', case: { episode: 'none', phase: 'closed' }, values: initial }, null);
  }

  for (let beatId = worklist.take(); beatId !== undefined; beatId = worklist.take()) {
    const keys = dirty.get(beatId)!;
    dirty.delete(beatId);
    const beat = scenario.beats[beatId]!;
    const byKey = states.get(beatId)!;
    for (const key of keys) {
      const [episode, phase] = key.split('|') as [EpisodeCase, RiskPhase];
      takeResponses(beatId, beat, { key, case: { episode, phase }, values: byKey.get(key)!.values });
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
