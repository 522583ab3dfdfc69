/**
 * Model-based tests over every scenario in scenarios/: xstate/graph walks the
 * compiled machine to every distinct state, and replaying each path's choices
 * must give exactly the result the machine itself reached.
 */
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { analyseScenario, compile, offeredAt, replay, resultOf, startPlay } from '../../src/engine/index.js';
import type { RespondEvent, Scenario, SessionContext } from '../../src/engine/index.js';
import type { Range } from '../../src/engine/schema/scenario.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';
import { greedyPath } from '../support/paths.js';

const { rubric } = shippedRubric();
const PATH_LIMIT = 50_000;
/** Seeded random walks that may witness a beat or ending the model's merged states miss. */
const WITNESS_WALKS = 20_000;

/**
 * Every number a condition or a rubric modifier compares trust or safety with:
 * between two of them, play takes the same branches, so states are told apart
 * by band, not by exact value (which would make loops endless).
 */
function thresholdsOf(scenario: Scenario): { trust: number[]; safety: number[] } {
  const trust = new Set<number>([0]);
  const safety = new Set<number>([0]);
  const addRange = (into: Set<number>, range: Range | undefined) => {
    if (!range) return;
    if (range.gte !== undefined) into.add(range.gte);
    if (range.gt !== undefined) into.add(range.gt + 1);
    if (range.lte !== undefined) into.add(range.lte + 1);
    if (range.lt !== undefined) into.add(range.lt);
  };
  for (const beat of Object.values(scenario.beats)) {
    for (const response of beat.responses) {
      if (typeof response.next === 'string') continue;
      for (const branch of response.next) {
        addRange(trust, branch.when?.trust);
        addRange(safety, branch.when?.safety);
      }
    }
  }
  for (const entry of Object.values(rubric.moves)) {
    for (const { when } of entry.modifiers ?? []) {
      if (when.trust_below !== undefined) trust.add(when.trust_below);
      if (when.trust_at_least !== undefined) trust.add(when.trust_at_least);
      if (when.safety_below !== undefined) safety.add(when.safety_below);
      if (when.safety_at_least !== undefined) safety.add(when.safety_at_least);
    }
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { trust: sorted(trust), safety: sorted(safety) };
}

const SAFETY_MOVES = new Set(['assess_plan_intent', 'safety_planning', 'escalate_care', 'assess_medical_need', 'confirm_location']);

const bandOf = (value: number, thresholds: number[]) => thresholds.filter((t) => value >= t).length;

/** What makes two moments of play different for what can happen next. */
function serialiser(scenario: Scenario) {
  const thresholds = thresholdsOf(scenario);
  return (context: SessionContext): string => {
    const flags = Object.keys(context.flags).filter((f) => context.flags[f]).sort().join(',');
    const gates = context.gates.map((g) => `${g.assessedAt === null ? 'open' : 'asked'}@${g.openedAt}`).join(',');
    // The safety moves made so far decide what the gate still requires.
    const made = [...new Set(context.turns.flatMap((t) => t.moves.filter((m) => SAFETY_MOVES.has(m))))].sort().join(',');
    const episode = context.episodes.map((e) => `${e.type}:${e.status}:${e.highestStage ?? 0}`).join(',');
    return `${context.at}|${bandOf(context.trust, thresholds.trust)}|${bandOf(context.safety, thresholds.safety)}|${flags}|${episode}|${gates}|${made}`;
  };
}

it('the library has scenarios to test', () => {
  expect(scenarioFileNames().length).toBeGreaterThan(0);
});

describe.each(scenarioFileNames())('%s', (name) => {
  const { scenario } = shippedScenario(name, rubric);
  const machine = compile(scenario, rubric);
  const serialise = serialiser(scenario);
  const paths = getShortestPaths(machine, {
    events: (snapshot): RespondEvent[] => offeredAt(scenario, snapshot.context.at).map((responseId) => ({ type: 'RESPOND', responseId })),
    serializeState: (snapshot) => serialise(snapshot.context),
    limit: PATH_LIMIT,
  });
  const choicesOf = (path: (typeof paths)[number]) =>
    path.steps.map((step) => step.event).filter((event): event is RespondEvent => event.type === 'RESPOND').map((event) => event.responseId);

  it('reaches every beat and every ending', () => {
    // The model's states merge moments that differ in ways its key leaves out (the repetition
    // discount, a provoked episode), so the greedy paths and seeded random play add their witnesses.
    const reached = new Set(paths.map((path) => path.state.context.at));
    for (const which of ['best', 'worst'] as const) {
      for (const turn of replay(scenario, rubric, greedyPath(scenario, rubric, which)).turns) reached.add(turn.next);
    }
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let walk = 0; walk < WITNESS_WALKS && reached.size < Object.keys(scenario.beats).length + Object.keys(scenario.endings).length; walk++) {
      const play = startPlay(scenario, rubric, { attemptId: 'witness' });
      while (!play.ended && play.turns.length < 200) {
        play.choose(play.offered[next() % play.offered.length]!.id);
        reached.add(play.context.at);
      }
      play.stop();
    }
    expect([...reached].sort()).toEqual([...Object.keys(scenario.beats), ...Object.keys(scenario.endings)].sort());
  });

  /** Plays the choices on a live actor, as the game does. */
  const playLive = (choices: readonly string[]) => {
    const actor = createActor(machine).start();
    for (const responseId of choices) actor.send({ type: 'RESPOND', responseId });
    const { context } = actor.getSnapshot();
    actor.stop();
    return context;
  };

  it('replaying each path gives the result a live actor reaches with the same choices', () => {
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      const choices = choicesOf(path);
      const live = playLive(choices);
      // Paths are found per band of trust and safety, so the beat is the path's own; the numbers are the live run's.
      expect(live.at).toBe(path.state.context.at);
      // The machine's guards and the format's branch rule (first `when` that holds) agree at every turn.
      live.turns.forEach((turn, i) => expect(live.turns[i + 1]?.beat ?? live.at).toBe(turn.next));
      expect(replay(scenario, rubric, choices)).toEqual(resultOf(scenario, rubric, live));
    }
  });

  it('every ending path ends with scores in range and the checker\'s bounds hold', () => {
    const { bounds } = analyseScenario(scenario, rubric);
    const endings = paths.filter((path) => path.state.status === 'done');
    expect(endings.length).toBeGreaterThan(0);
    for (const path of endings) {
      const { scores, ending } = replay(scenario, rubric, choicesOf(path));
      expect(ending).toBe(path.state.context.at);
      expect(scores.trust).toBeGreaterThanOrEqual(bounds!.trust.lo);
      expect(scores.trust).toBeLessThanOrEqual(bounds!.trust.hi);
      expect(scores.safety).toBeGreaterThanOrEqual(bounds!.safety.lo);
      expect(scores.safety).toBeLessThanOrEqual(bounds!.safety.hi);
      if (scores.repair === null) expect(bounds!.repairMayBeNull).toBe(true);
      else {
        expect(scores.repair).toBeGreaterThanOrEqual(bounds!.repair!.lo);
        expect(scores.repair).toBeLessThanOrEqual(bounds!.repair!.hi);
      }
    }
  });

  it('the machine refuses nothing it offers and ignores what it does not', () => {
    const actor = createActor(machine).start();
    const before = actor.getSnapshot().context;
    actor.send({ type: 'RESPOND', responseId: 'not-a-response' });
    expect(actor.getSnapshot().context).toBe(before);
    actor.stop();
  });
});
