/**
 * The orderings the literature supports (docs/scoring.md and the clinical
 * reference §8), each played through the engine as a trainee would meet it:
 * one beat, two responses, final scores compared.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/index.js';
import type { AttemptResult, Scenario } from '../../src/engine/index.js';
import { ATTACHMENT_STYLES } from '../../src/engine/vocabulary.js';
import { buildScenario, oneBeat } from '../support/build.js';
import { shippedRubric } from '../support/library.js';

const { rubric } = shippedRubric();

/** Plays each response once; returns its result and its only turn. */
function playEach(scenario: Scenario, ...responses: string[]) {
  return responses.map((id) => {
    const result = replay(scenario, rubric, [id]);
    return { result, turn: result.turns[0]! };
  });
}

describe('scoring.md orderings', () => {
  it('in a confrontation, acknowledging one\'s part beats defending oneself on trust, repair and rating', () => {
    const scenario = oneBeat({ marker: 'cf_complaint_about_therapist' }, {
      acknowledge: ['res_acknowledge_contribution'], defend: ['defend_self'],
    }, { attachment: 'anxious_preoccupied' });
    const [acknowledge, defend] = playEach(scenario, 'acknowledge', 'defend');
    expect(acknowledge!.result.scores.trust).toBeGreaterThan(defend!.result.scores.trust);
    expect(acknowledge!.result.scores.repair!).toBeGreaterThan(defend!.result.scores.repair!);
    expect(acknowledge!.turn.rating).toBeGreaterThan(defend!.turn.rating);
    expect(defend!.turn.deltas.trust).toBeLessThan(0);
  });

  it('with a dismissing-avoidant client in withdrawal, validating the defence beats pushing for feelings on safety and rating', () => {
    const scenario = oneBeat({ marker: 'wd_minimal_response' }, {
      validate: ['res_validate_defensive_posture'], push: ['push_for_feelings'],
    }, { attachment: 'dismissing_avoidant' });
    const [validate, push] = playEach(scenario, 'validate', 'push');
    expect(validate!.result.scores.safety).toBeGreaterThan(push!.result.scores.safety);
    expect(validate!.turn.rating).toBeGreaterThan(push!.turn.rating);
  });

  it('after a risk cue, asking directly beats a euphemism on safety, and the euphemism raises the critical flag', () => {
    const scenario = oneBeat({ risk: 'passive_ideation' }, {
      ask: ['ask_suicide_directly'], euphemism: ['euphemism_about_risk'],
    });
    const [ask, euphemism] = playEach(scenario, 'ask', 'euphemism');
    expect(ask!.turn.deltas.safety).toBeGreaterThan(euphemism!.turn.deltas.safety);
    expect(ask!.result.flags).toEqual([]);
    expect(euphemism!.result.flags.map((f) => f.flag)).toEqual(['risk_not_assessed']);
    expect(euphemism!.result.scores.safety).toBe(0);
  });

  it('asking about suicide directly never lowers trust, in any context', () => {
    for (const attachment of ATTACHMENT_STYLES) {
      for (const marker of [undefined, 'wd_denial', 'cf_rejects_intervention'] as const) {
        for (const risk of [undefined, 'active_ideation'] as const) {
          for (const trust of [0, 20, 39, 40, 49, 50, 80, 100]) {
            const scenario = oneBeat({ ...(marker ? { marker } : {}), ...(risk ? { risk } : {}) },
              { ask: ['ask_suicide_directly'], other: ['res_validate_defensive_posture'] }, { attachment, trust });
            const [ask] = playEach(scenario, 'ask');
            expect(ask!.turn.deltas.trust, `${attachment} ${marker} ${risk} trust ${trust}`).toBeGreaterThanOrEqual(0);
          }
        }
      }
    }
  });

  it('with an anxious client complaining about the frame, explaining it beats changing it unexplained on trust', () => {
    const scenario = oneBeat({ marker: 'cf_complaint_about_parameters' }, {
      rationale: ['res_provide_rationale'], change: ['change_frame_unexplained'],
    }, { attachment: 'anxious_preoccupied' });
    const [rationale, change] = playEach(scenario, 'rationale', 'change');
    expect(rationale!.result.scores.trust).toBeGreaterThan(change!.result.scores.trust);
  });

  it('with a fearful-disorganized client dissociating, grounding beats an interpretation on safety', () => {
    const scenario = oneBeat({ cue: { affect: 'dissociated' }, marker: 'wd_content_affect_split' }, {
      ground: ['grounding'], interpret: ['premature_interpretation'],
    }, { attachment: 'fearful_disorganized' });
    const [ground, interpret] = playEach(scenario, 'ground', 'interpret');
    expect(ground!.result.scores.safety).toBeGreaterThan(interpret!.result.scores.safety);
    expect(ground!.turn.rating).toBeGreaterThan(interpret!.turn.rating);
  });
});

describe('clinical reference §8', () => {
  it('1. ratings follow FIS anchors: 3 is ordinary help, harmful moves rate below it, exemplary repair at the top', () => {
    const scenario = oneBeat({ marker: 'cf_complaint_about_therapist' }, {
      ordinary: ['summarize'], harmful: ['blame_client'], exemplary: ['res_acknowledge_contribution', 'res_invite_discussion_of_relationship'],
    });
    const [ordinary, harmful, exemplary] = playEach(scenario, 'ordinary', 'harmful', 'exemplary');
    expect(ordinary!.turn.rating).toBe(3);
    expect(harmful!.turn.rating).toBeLessThan(3);
    expect(exemplary!.turn.rating).toBe(5);
  });

  it('2. repair counts only when the reply addresses the active marker', () => {
    const scenario = oneBeat({ marker: 'wd_avoidant_storytelling_topic_shift' }, {
      engage: ['res_invite_discussion_of_relationship'], pass: ['summarize'], undercut: ['res_redirect_refocus', 'ignore_marker'],
    });
    const [engage, pass, undercut] = playEach(scenario, 'engage', 'pass', 'undercut');
    expect(engage!.result.episodes[0]!.recognition).toBe(30);
    expect(pass!.result.episodes[0]!.recognition).toBe(0);
    // A repair move paired with passing the marker over does not count as recognising it.
    expect(undercut!.result.episodes[0]!.recognition).toBe(0);
    expect(engage!.result.scores.repair!).toBeGreaterThan(pass!.result.scores.repair!);
  });

  it('2. catching a withdrawal marker earns more than the same strategy with no marker, and accepting appeasement at face value costs', () => {
    const withdrawn = oneBeat({ marker: 'wd_deferential_appeasing' }, { catch: ['res_invite_discussion_of_relationship'], accept: ['ignore_marker'] });
    const calm = oneBeat({}, { catch: ['res_invite_discussion_of_relationship'], accept: ['ignore_marker'] });
    const [caught, accepted] = playEach(withdrawn, 'catch', 'accept');
    const [calmCatch, calmAccept] = playEach(calm, 'catch', 'accept');
    expect(caught!.turn.deltas.trust).toBeGreaterThan(calmCatch!.turn.deltas.trust);
    expect(accepted!.turn.deltas.trust).toBeLessThan(calmAccept!.turn.deltas.trust);
    expect(accepted!.result.scores.repair!).toBeLessThan(caught!.result.scores.repair!);
  });

  it('3. defensiveness in a confrontation lowers trust and repair; acknowledgement with curiosity raises both', () => {
    const scenario = oneBeat({ marker: 'cf_complaint_about_progress' }, {
      justify: ['defend_self'], blame: ['blame_client'], own: ['res_acknowledge_contribution', 'explore_experience'],
    });
    const [justify, blame, own] = playEach(scenario, 'justify', 'blame', 'own');
    for (const defensive of [justify!, blame!]) {
      expect(defensive.turn.deltas.trust).toBeLessThan(0);
      expect(defensive.result.scores.repair).toBe(0);
    }
    expect(own!.turn.deltas.trust).toBeGreaterThan(0);
    expect(own!.result.scores.repair!).toBeGreaterThan(50);
  });

  it('4. walking the stage graph raises repair; premature reassurance inside the episode lowers it', () => {
    const path = (stage: number | undefined, moves: string[]) => buildScenario({
      beats: {
        marker: { marker: 'cf_complaint_about_activities', responses: [{ id: 'go', say: 'go', moves: ['res_invite_discussion_of_relationship'], next: 'later' }, { id: 'x', say: 'x', moves: ['summarize'], next: 'later' }] },
        later: { ...(stage ? { stage } : {}), responses: [{ id: 'go', say: 'go', moves, next: 'done' }, { id: 'x', say: 'x', moves: ['summarize'], next: 'done' }] },
      },
    });
    const repairOf = (scenario: Scenario) => replay(scenario, rubric, ['go', 'go']).scores.repair!;
    expect(repairOf(path(4, ['reflect_feeling']))).toBeGreaterThan(repairOf(path(2, ['reflect_feeling'])));
    expect(repairOf(path(2, ['reflect_feeling']))).toBeGreaterThan(repairOf(path(undefined, ['reflect_feeling'])));
    expect(repairOf(path(4, ['excessive_reassurance']))).toBeLessThan(repairOf(path(4, ['reflect_feeling'])));
  });

  it('5. interpreting patterns before the client feels understood lowers trust', () => {
    const early = playEach(oneBeat({}, { link: ['res_link_to_outside_patterns'], x: ['summarize'] }, { trust: 30 }), 'link')[0]!;
    const later = playEach(oneBeat({}, { link: ['res_link_to_outside_patterns'], x: ['summarize'] }, { trust: 70 }), 'link')[0]!;
    expect(early.turn.deltas.trust).toBeLessThan(0);
    expect(later.turn.deltas.trust).toBeGreaterThan(0);
  });

  const deltaFor = (attachment: (typeof ATTACHMENT_STYLES)[number], moves: string[], trust = 50) =>
    playEach(oneBeat({}, { r: moves, x: ['summarize'] }, { attachment, trust }), 'r')[0]!.turn.deltas;

  it('6. anxious clients: frame changes and reassurance loops cost more trust; explained limits earn more', () => {
    expect(deltaFor('anxious_preoccupied', ['change_frame_unexplained']).trust).toBeLessThan(deltaFor('secure', ['change_frame_unexplained']).trust);
    expect(deltaFor('anxious_preoccupied', ['excessive_reassurance']).trust).toBeLessThan(deltaFor('secure', ['excessive_reassurance']).trust);
    expect(deltaFor('anxious_preoccupied', ['res_provide_rationale']).trust).toBeGreaterThan(deltaFor('secure', ['res_provide_rationale']).trust);
  });

  it('6. avoidant clients: a rationale earns more, early demands for feelings cost more, closeness unlocks above a trust threshold', () => {
    expect(deltaFor('dismissing_avoidant', ['res_provide_rationale']).trust).toBeGreaterThan(deltaFor('secure', ['res_provide_rationale']).trust);
    expect(deltaFor('dismissing_avoidant', ['push_for_feelings']).trust).toBeLessThan(deltaFor('secure', ['push_for_feelings']).trust);
    expect(deltaFor('dismissing_avoidant', ['res_disclose_internal_experience'], 30).trust).toBeLessThan(0);
    expect(deltaFor('dismissing_avoidant', ['res_disclose_internal_experience'], 60).trust).toBeGreaterThan(0);
  });

  it('6. fearful-disorganized clients: safety and pacing weigh most; intrusive probing costs safety; grounding earns it', () => {
    expect(deltaFor('fearful_disorganized', ['push_for_feelings']).safety).toBeLessThan(deltaFor('secure', ['push_for_feelings']).safety);
    expect(deltaFor('fearful_disorganized', ['grounding']).safety).toBeGreaterThan(deltaFor('secure', ['grounding']).safety);
    expect(deltaFor('fearful_disorganized', ['res_clarify_misunderstanding']).safety).toBeGreaterThan(deltaFor('secure', ['res_clarify_misunderstanding']).safety);
  });

  it('6. secure clients: direct metacommunication earns most; technique slips cost least', () => {
    for (const other of ['anxious_preoccupied', 'dismissing_avoidant', 'fearful_disorganized'] as const) {
      expect(deltaFor('secure', ['res_invite_discussion_of_relationship']).trust).toBeGreaterThanOrEqual(deltaFor(other, ['res_invite_discussion_of_relationship']).trust);
      expect(deltaFor('secure', ['advice_giving']).trust).toBeGreaterThanOrEqual(deltaFor(other, ['advice_giving']).trust);
    }
  });

  it('7. safety is a gate: a plan or intent needs the question, a follow-up on plan and intent, and a safety plan', () => {
    const scenario = buildScenario({
      beats: {
        cue: { risk: 'plan_or_intent', responses: [{ id: 'ask', say: 'ask', moves: ['assess_plan_intent'], next: 'next' }, { id: 'warm', say: 'warm', moves: ['validate'], next: 'next' }] },
        next: { responses: [{ id: 'plan', say: 'plan', moves: ['safety_planning'], next: 'done' }, { id: 'close', say: 'close', moves: ['summarize'], next: 'done' }] },
      },
    });
    const flags = (choices: string[]) => replay(scenario, rubric, choices).flags.map((f) => f.flag).sort();
    expect(flags(['ask', 'plan'])).toEqual([]);
    expect(flags(['ask', 'close'])).toEqual(['risk_not_managed']);
    expect(flags(['warm', 'plan'])).toEqual(['risk_not_assessed', 'risk_not_followed_up']);
    expect(flags(['warm', 'close'])).toEqual(['risk_not_assessed', 'risk_not_followed_up', 'risk_not_managed']);
    // However warm the reply, the gate fails the attempt.
    const warm = replay(scenario, rubric, ['warm', 'plan']);
    expect(warm.scores.safety).toBe(0);
    expect(warm.passedSafety).toBe(false);
  });

  it('7. the question may come one turn late, but not two', () => {
    const scenario = buildScenario({
      beats: {
        cue: { risk: 'passive_ideation', responses: [{ id: 'reflect', say: 'r', moves: ['reflect_feeling'], next: 'two' }, { id: 'ask', say: 'a', moves: ['ask_suicide_directly'], next: 'two' }] },
        two: { responses: [{ id: 'reflect', say: 'r', moves: ['reflect_feeling'], next: 'three' }, { id: 'ask', say: 'a', moves: ['ask_suicide_directly'], next: 'three' }] },
        three: { responses: [{ id: 'reflect', say: 'r', moves: ['reflect_feeling'], next: 'done' }, { id: 'ask', say: 'a', moves: ['ask_suicide_directly'], next: 'done' }] },
      },
    });
    const flags = (choices: string[]) => replay(scenario, rubric, choices).flags.map((f) => f.flag);
    expect(flags(['reflect', 'ask', 'reflect'])).toEqual([]);
    expect(flags(['reflect', 'reflect', 'ask'])).toEqual(['risk_not_assessed']);
  });

  it('7. promising secrecy after a risk cue is a critical flag', () => {
    const scenario = oneBeat({ risk: 'passive_ideation' }, { both: ['ask_suicide_directly', 'promise_secrecy'], ask: ['ask_suicide_directly'] });
    expect(playEach(scenario, 'both')[0]!.result.flags.map((f) => f.flag)).toEqual(['promise_secrecy']);
    expect(playEach(scenario, 'ask')[0]!.result.flags).toEqual([]);
  });

  it('8. a repaired rupture ends with more trust than the same session with no rupture', () => {
    const session = (withRupture: boolean) => buildScenario({
      beats: {
        first: { ...(withRupture ? { marker: 'cf_complaint_about_therapist' as const } : {}), responses: [{ id: 'go', say: 'go', moves: ['res_acknowledge_contribution'], next: 'second' }, { id: 'x', say: 'x', moves: ['summarize'], next: 'second' }] },
        second: { ...(withRupture ? { resolves: true } : {}), responses: [{ id: 'go', say: 'go', moves: ['summarize'], next: 'done' }, { id: 'x', say: 'x', moves: ['validate'], next: 'done' }] },
      },
    });
    const repaired: AttemptResult = replay(session(true), rubric, ['go', 'go']);
    const calm: AttemptResult = replay(session(false), rubric, ['go', 'go']);
    expect(repaired.scores.trust).toBeGreaterThan(calm.scores.trust);
    expect(repaired.scores.repair).toBe(100);
    expect(calm.scores.repair).toBeNull();
  });
});
