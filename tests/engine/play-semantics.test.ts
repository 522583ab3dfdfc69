/** How play proceeds (scenario-format.md, "How play proceeds"), pinned down turn by turn. */
import { describe, expect, it } from 'vitest';
import { judgeAttempt, replay } from '../../src/engine/index.js';
import { buildScenario } from '../support/build.js';
import { shippedRubric } from '../support/library.js';

const { rubric } = shippedRubric();

describe('how play proceeds', () => {
  it('a response leading back to its own beat enters it again, so its risk cue needs answering again', () => {
    const scenario = buildScenario({
      beats: {
        cue: { risk: 'passive_ideation', responses: [
          { id: 'ask-and-stay', say: 'ask', moves: ['ask_suicide_directly'], next: 'cue' },
          { id: 'ask-and-close', say: 'ask', moves: ['ask_suicide_directly', 'summarize'], next: 'done' },
          { id: 'close', say: 'close', moves: ['summarize'], next: 'done' },
        ] },
      },
    });
    const flags = (choices: string[]) => replay(scenario, rubric, choices).flags.map((f) => f.flag);
    expect(flags(['ask-and-close'])).toEqual([]);
    expect(flags(['ask-and-stay', 'ask-and-close'])).toEqual([]);
    // The client raises it again on re-entry (turn 1); closing without asking again misses it.
    expect(flags(['ask-and-stay', 'close'])).toEqual(['risk_not_assessed']);
    expect(replay(scenario, rubric, ['ask-and-stay', 'close']).flags[0]!.turn).toBe(1);
  });

  it('conditions see trust, flags and the episode after the turn; the first branch that holds wins', () => {
    const scenario = buildScenario({
      trust: 50,
      beats: {
        first: { marker: 'wd_denial', responses: [
          { id: 'warm', say: 'warm', moves: ['reflect_feeling'], set: { noticed: true }, next: [
            { when: { flags: { noticed: true }, episode: 'open' }, to: 'flagged' },
            { to: 'plain' },
          ] },
          { id: 'cold', say: 'cold', moves: ['ignore_marker'], effects: { trust: -20 }, next: [
            { when: { trust: { gte: 40 } }, to: 'flagged' },
            { to: 'plain' },
          ] },
        ] },
        flagged: { responses: [{ id: 'end', say: 'end', moves: ['summarize'], next: 'done' }, { id: 'x', say: 'x', moves: ['validate'], next: 'done' }] },
        plain: { responses: [{ id: 'end', say: 'end', moves: ['summarize'], next: 'done' }, { id: 'x', say: 'x', moves: ['validate'], next: 'done' }] },
      },
    });
    expect(replay(scenario, rubric, ['warm']).turns[0]!.next).toBe('flagged');
    expect(replay(scenario, rubric, ['cold']).turns[0]!.next).toBe('plain');
  });

  it('the resolution bonus is added once, to the turn that led into the resolving beat, and the episode closes', () => {
    const scenario = buildScenario({
      trust: 50,
      beats: {
        rupture: { marker: 'cf_rejects_intervention', responses: [
          { id: 'own', say: 'own', moves: ['res_acknowledge_contribution'], next: 'repaired' },
          { id: 'x', say: 'x', moves: ['summarize'], next: 'repaired' },
        ] },
        repaired: { resolves: true, responses: [
          { id: 'close', say: 'close', moves: ['summarize'], next: 'done' },
          { id: 'x', say: 'x', moves: ['validate'], next: 'done' },
        ] },
      },
    });
    const result = replay(scenario, rubric, ['own', 'close']);
    const [first, second] = result.turns;
    expect(first!.resolutionBonus).toBe(rubric.resolution_bonus);
    expect(first!.trust).toBe(50 + first!.deltas.trust);
    expect(second!.resolutionBonus).toBe(0);
    expect(result.episodes[0]!.status).toBe('resolved');
    expect(result.episodes[0]!.resolvedAt).toBe(1);
  });

  it('an episode still open at the ending is unresolved, and repair is null with no rupture at all', () => {
    const scenario = buildScenario({
      beats: {
        start: { responses: [
          { id: 'rupture', say: 'r', moves: ['summarize'], next: 'marked' },
          { id: 'calm', say: 'c', moves: ['summarize'], next: 'done' },
        ] },
        marked: { marker: 'cf_complaint_about_progress', responses: [
          { id: 'end', say: 'e', moves: ['res_invite_discussion_of_relationship'], next: 'done' },
          { id: 'x', say: 'x', moves: ['defend_self'], next: 'done' },
        ] },
      },
    });
    const unresolved = replay(scenario, rubric, ['rupture', 'end']);
    expect(unresolved.episodes[0]!.status).toBe('unresolved');
    expect(unresolved.scores.repair).toBe(Math.round(30 + 30 * (unresolved.turns[1]!.rating - 1) / 4));
    expect(replay(scenario, rubric, ['calm']).scores.repair).toBeNull();
  });

  it('trust and safety are clamped to 0–100 once per turn, and deltas report the change actually made', () => {
    const scenario = buildScenario({
      trust: 98, safety: 2,
      beats: { only: { responses: [
        { id: 'big', say: 'b', moves: ['reflect_feeling'], effects: { trust: 20, safety: -20 }, next: 'done' },
        { id: 'x', say: 'x', moves: ['summarize'], next: 'done' },
      ] } },
    });
    const [turn] = replay(scenario, rubric, ['big']).turns;
    expect(turn!.trust).toBe(100);
    expect(turn!.safety).toBe(0);
    expect(turn!.deltas).toEqual({ trust: 2, safety: -2 });
  });

  it('a risk cue stays open for its own turn and the next; after that the flag stands and turns are rated as usual', () => {
    const step = (id: string, next: string) => ({ responses: [
      { id: 'warm', say: 'w', moves: ['reflect_feeling'], next },
      { id: 'ask', say: 'a', moves: ['ask_suicide_directly'], next },
    ] });
    const scenario = buildScenario({ beats: { cue: { risk: 'passive_ideation', ...step('cue', 'two') }, two: step('two', 'three'), three: step('three', 'done') } });
    const missed = replay(scenario, rubric, ['warm', 'warm', 'warm']);
    expect(missed.turns.map((t) => t.context.riskOpen)).toEqual([true, true, false]);
    expect(missed.turns.map((t) => t.rating)).toEqual([2, 2, 4]);
    // Asking late is still worth doing: it stays the best response on offer.
    expect(missed.turns.map((t) => t.best)).toEqual(['ask', 'ask', 'ask']);
    expect(missed.flags.map((f) => f.flag)).toEqual(['risk_not_assessed']);
    const asked = replay(scenario, rubric, ['warm', 'ask', 'warm']);
    expect(asked.turns.map((t) => t.context.riskOpen)).toEqual([true, true, false]);
    expect(asked.flags).toEqual([]);
  });
});

describe('passing an assessment', () => {
  const scenario = buildScenario({
    trust: 70, safety: 70,
    beats: {
      first: { responses: [
        { id: 'rupture', say: 'r', moves: ['summarize'], next: 'marked' },
        { id: 'calm', say: 'c', moves: ['summarize'], next: 'done' },
        { id: 'cue', say: 'q', moves: ['summarize'], next: 'risk' },
      ] },
      marked: { marker: 'cf_complaint_about_progress', responses: [
        { id: 'repair', say: 'e', moves: ['res_acknowledge_contribution'], next: 'done' },
        { id: 'defend', say: 'x', moves: ['defend_self'], next: 'done' },
      ] },
      risk: { risk: 'passive_ideation', responses: [
        { id: 'warm', say: 'w', moves: ['validate'], next: 'done' },
        { id: 'ask', say: 'a', moves: ['ask_suicide_directly'], next: 'done' },
      ] },
    },
  });

  it('passes with no flag and every applicable score at the threshold; Repair counts only where a rupture occurred', () => {
    expect(judgeAttempt(replay(scenario, rubric, ['calm']))).toEqual({ passed: true, reasons: [] });
    expect(replay(scenario, rubric, ['calm']).scores.repair).toBeNull();
    expect(judgeAttempt(replay(scenario, rubric, ['rupture', 'repair'])).passed).toBe(true);
  });

  it('fails on a low repair score, on a critical flag however warm, and on an unfinished session', () => {
    const defended = judgeAttempt(replay(scenario, rubric, ['rupture', 'defend']));
    expect(defended.passed).toBe(false);
    expect(defended.reasons.join(' ')).toMatch(/Rupture-repair 0 is below 60/);
    const unasked = judgeAttempt(replay(scenario, rubric, ['cue', 'warm']));
    expect(unasked.reasons[0]).toMatch(/^Critical flag risk_not_assessed/);
    expect(judgeAttempt(replay(scenario, rubric, ['cue', 'ask'])).passed).toBe(true);
    expect(judgeAttempt(replay(scenario, rubric, ['rupture'])).reasons[0]).toBe('The session did not reach an ending.');
  });

  it('uses an assignment\'s own thresholds when given', () => {
    const result = replay(scenario, rubric, ['calm']);
    expect(judgeAttempt(result, { trust: 95, safety: 0, repair: 0 }).passed).toBe(false);
  });
});
