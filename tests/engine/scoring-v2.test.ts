/**
 * Scoring version 2 (docs/scoring.md), rule by rule. Each test is built so
 * that version 1's additive rules would fail it: replies that pile up
 * techniques, apologies repeated until they pay, ruptures provoked and then
 * repaired, risk cues asked about and left there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, judgeAttempt, replay, startPlay } from '../../src/engine/index.js';
import type { Rubric, Scenario } from '../../src/engine/index.js';
import { bestResponse, scoreResponse } from '../../src/engine/scoring/evaluate.js';
import type { TurnContext } from '../../src/engine/scoring/evaluate.js';
import { ATTACHMENT_STYLES } from '../../src/engine/vocabulary.js';
import type { Beat } from '../../src/engine/index.js';
import { buildScenario, oneBeat } from '../support/build.js';
import { shippedRubric } from '../support/library.js';

const { rubric } = shippedRubric();
const kindOf = (move: string) => rubric.moves[move]!.kind;
const movesOfKind = (...kinds: string[]) => Object.keys(rubric.moves).filter((move) => kinds.includes(kindOf(move))).sort();
const FACILITATIVE = movesOfKind('facilitative', 'repair_immediate', 'repair_expressive', 'safety');
const HARMFUL = movesOfKind('unhelpful', 'unsafe');

const reply = (id: string, moves: string[], say = id) => ({ id, say, moves, next: 'done' });
const flagsOf = (scenario: Scenario, choices: string[]) => replay(scenario, rubric, choices).flags.map((f) => f.flag).sort();

/** Every context a reply can be scored in, by its discrete keys, at a few trust and safety levels. */
const contextArb: fc.Arbitrary<TurnContext> = fc.record({
  rupture: fc.constantFrom('none' as const, 'withdrawal' as const, 'confrontation' as const),
  attachment: fc.constantFrom(...ATTACHMENT_STYLES),
  riskOpen: fc.boolean(),
  trust: fc.integer({ min: 0, max: 100 }),
  safety: fc.integer({ min: 0, max: 100 }),
  repairUses: fc.dictionary(fc.constantFrom(...movesOfKind('repair_immediate', 'repair_expressive')), fc.integer({ min: 0, max: 4 }), { maxKeys: 3 }),
});
const score = (moves: readonly string[], context: TurnContext, rubricUsed: Rubric = rubric) =>
  scoreResponse(rubricUsed, { id: 'r', say: 'r', moves: [...moves], next: 'done' }, context);

describe('one turn: how a reply\'s moves combine', () => {
  it('a long, warm, many-tagged reply loses to a short, exact one', () => {
    const long = 'I hear you, and I want you to know that everything you feel is valid; tell me more about that, and let us sum up where we are and what we could do together to move forward from here.';
    const beat: Beat = {
      client: 'You cancelled on me.',
      marker: 'cf_complaint_about_therapist',
      responses: [
        reply('everything', ['reflect_feeling', 'validate', 'open_question', 'explore_experience', 'summarize', 'collaborate_goals', 'instill_hope'], long),
        reply('own-it', ['res_acknowledge_contribution'], 'I cancelled on you. That was mine.'),
      ],
    };
    const built = buildScenario({ attachment: 'anxious_preoccupied', beats: { only: beat } });
    const everything = replay(built, rubric, ['everything']).turns[0]!;
    const ownIt = replay(built, rubric, ['own-it']).turns[0]!;
    expect(everything.best).toBe('own-it');
    expect(ownIt.rating).toBeGreaterThan(everything.rating);
    expect(ownIt.deltas.trust).toBeGreaterThanOrEqual(everything.deltas.trust);
  });

  it('the rating is the best element plus the worst: more techniques add nothing, one harmful element is not diluted', () => {
    const context: TurnContext = { rupture: 'none', attachment: 'secure', riskOpen: false, trust: 50, safety: 50, repairUses: {} };
    const one = score(['reflect_feeling'], context);
    const many = score(['reflect_feeling', 'validate', 'summarize', 'open_question'], context);
    expect(many.rating).toBe(Math.max(one.rating, score(['validate'], context).rating, score(['summarize'], context).rating, score(['open_question'], context).rating));
    const diluted = score(['reflect_feeling', 'validate', 'summarize', 'blame_client'], context);
    expect(diluted.rating).toBeLessThan(many.rating);
    expect(diluted.rating).toBe(Math.min(5, Math.max(1, 3 + Math.max(0, ...['reflect_feeling', 'validate', 'summarize'].map((m) => rubric.moves[m]!.quality)) + rubric.moves.blame_client!.quality)));
  });

  it('help does not stack within a reply; harm does', () => {
    const context: TurnContext = { rupture: 'none', attachment: 'secure', riskOpen: false, trust: 50, safety: 50, repairUses: {} };
    const help = ['reflect_feeling', 'validate', 'collaborate_goals'];
    expect(score(help, context).trust).toBe(Math.max(...help.map((m) => score([m], context).trust)));
    const harm = score(['defend_self', 'blame_client'], context);
    expect(harm.trust).toBe(score(['defend_self'], context).trust + score(['blame_client'], context).trust);
  });

  it('a turn\'s change is capped by turn_cap, authored effects included, before the resolution bonus', () => {
    const scenario = oneBeat({}, { gush: ['validate'], harm: ['blame_client'] });
    const withEffects = buildScenario({
      beats: { only: { responses: [{ ...reply('gush', ['validate']), effects: { trust: 20, safety: 20 } }, { ...reply('harm', ['blame_client']), effects: { trust: -20, safety: -20 } }] } },
    });
    expect(replay(withEffects, rubric, ['gush']).turns[0]!.deltas).toEqual({ trust: rubric.turn_cap.gain, safety: rubric.turn_cap.gain });
    expect(replay(withEffects, rubric, ['harm']).turns[0]!.deltas).toEqual({ trust: -rubric.turn_cap.loss, safety: -rubric.turn_cap.loss });
    expect(replay(scenario, rubric, ['gush']).turns[0]!.deltas.trust).toBeLessThanOrEqual(rubric.turn_cap.gain);
  });

  it('property: adding a facilitative move never raises a reply\'s rating or help beyond its own best element\'s', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.constantFrom(...Object.keys(rubric.moves)), { minLength: 1, maxLength: 4 }), fc.constantFrom(...FACILITATIVE), contextArb,
      (moves, added, context) => {
        fc.pre(!moves.includes(added));
        const before = score(moves, context);
        const alone = score([added], context);
        const after = score([...moves, added], context);
        expect(after.rating).toBeLessThanOrEqual(Math.max(before.rating, alone.rating));
        expect(after.trust).toBeLessThanOrEqual(Math.max(before.trust, Math.min(rubric.turn_cap.gain, alone.trust)));
        expect(after.safety).toBeLessThanOrEqual(Math.max(before.safety, Math.min(rubric.turn_cap.gain, alone.safety)));
      },
    ), { numRuns: 2000 });
  });

  it('property: adding a harmful move never raises a reply\'s rating or deltas, and lowers the rating whenever it can', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.constantFrom(...Object.keys(rubric.moves)), { minLength: 1, maxLength: 4 }), fc.constantFrom(...HARMFUL), contextArb,
      (moves, added, context) => {
        fc.pre(!moves.includes(added));
        const before = score(moves, context);
        const after = score([...moves, added], context);
        expect(after.rating).toBeLessThanOrEqual(before.rating);
        expect(after.trust).toBeLessThanOrEqual(before.trust);
        expect(after.safety).toBeLessThanOrEqual(before.safety);
        const harm = score([added], context).moves[0]!;
        // With nothing harmful already in the reply, a harmful element must cost rating (unless it is already 1).
        if (before.moves.every((m) => m.quality >= 0) && harm.quality < 0 && before.rating > 1) expect(after.rating).toBeLessThan(before.rating);
      },
    ), { numRuns: 2000 });
  });

  it('no unhelpful or unsafe move ever has a positive value, in any context (so adding one can only harm)', () => {
    fc.assert(fc.property(fc.constantFrom(...HARMFUL), contextArb, (move, context) => {
      const { moves: [m] } = score([move], context);
      expect(Math.max(m!.trust, m!.safety, m!.quality)).toBeLessThanOrEqual(0);
    }), { numRuns: 1000 });
  });

  it('ties for the best reply go to the shortest, never the longest', () => {
    const scenario = buildScenario({
      beats: { only: { responses: [reply('wordy', ['reflect_feeling'], 'It sounds as though, underneath all of it, you are really very hurt.'), reply('plain', ['reflect_feeling'], 'You sound hurt.')] } },
    });
    expect(replay(scenario, rubric, ['wordy']).turns[0]!.best).toBe('plain');
    const context: TurnContext = { rupture: 'none', attachment: 'secure', riskOpen: false, trust: 50, safety: 50, repairUses: {} };
    expect(bestResponse(rubric, scenario.beats.only!.responses, context).id).toBe('plain');
  });
});

describe('repetition', () => {
  const apologies = buildScenario({
    beats: Object.fromEntries(['one', 'two', 'three', 'four'].map((id, index, all) => [id, {
      marker: 'cf_complaint_about_therapist' as const,
      responses: [
        { id: 'sorry', say: 'I got that wrong, I am sorry.', moves: ['res_acknowledge_contribution'], next: all[index + 1] ?? 'done' },
        { id: 'other', say: 'Go on.', moves: ['open_question'], next: all[index + 1] ?? 'done' },
      ],
    }])),
  });

  it('a third identical apology earns less than the first; from the fourth, nothing', () => {
    const { turns } = replay(apologies, rubric, ['sorry', 'sorry', 'sorry', 'sorry']);
    const first = turns[0]!.moveScores[0]!;
    const [second, third, fourth] = [1, 2, 3].map((i) => turns[i]!.moveScores[0]!);
    expect(first.trust).toBeGreaterThan(0);
    expect(second!.trust).toBe(Math.floor(first.trust / 2));
    expect(third!.trust).toBe(Math.floor(first.trust / 4));
    expect(third!.trust).toBeLessThan(first.trust);
    expect(turns[2]!.rating).toBeLessThan(turns[0]!.rating);
    expect([fourth!.trust, fourth!.safety, fourth!.quality]).toEqual([0, 0, 0]);
    expect(turns.map((t) => t.moveScores[0]!.use)).toEqual([1, 2, 3, 4]);
  });

  it('facilitative moves are not discounted, and an apology after other repair keeps its force', () => {
    const { turns } = replay(apologies, rubric, ['other', 'other', 'other', 'sorry']);
    expect(turns[2]!.moveScores[0]!.trust).toBe(turns[0]!.moveScores[0]!.trust);
    expect(turns[3]!.moveScores[0]!.use).toBe(1);
  });

  it('pushing for feelings and then apologising, over and over, earns no Safety back and costs Repair', () => {
    const steps = ['a', 'b', 'c', 'd', 'e', 'f'];
    const scenario = buildScenario({
      attachment: 'fearful_disorganized',
      beats: Object.fromEntries(steps.map((id, index) => [id, {
        ...(index === 0 ? { marker: 'wd_content_affect_split' as const } : {}),
        responses: [
          { id: index % 2 === 0 ? 'push' : 'sorry', say: '…', moves: [index % 2 === 0 ? 'push_for_feelings' : 'res_acknowledge_contribution'], next: steps[index + 1] ?? 'done' },
          { id: 'stay', say: 'It is a lot to feel.', moves: ['reflect_feeling'], next: steps[index + 1] ?? 'done' },
        ],
      }])),
    });
    const pushAndSorry = replay(scenario, rubric, ['push', 'sorry', 'push', 'sorry', 'push', 'sorry']);
    const steady = replay(scenario, rubric, ['stay', 'stay', 'stay', 'stay', 'stay', 'stay']);
    const pushHarm = pushAndSorry.turns[0]!.harm;
    expect(pushHarm).toBeGreaterThan(0);
    // The apologies give nothing back: Safety is what the three pushes took.
    expect(pushAndSorry.scores.safety).toBe(100 - 3 * pushHarm);
    expect(steady.scores.safety).toBe(100);
    expect(pushAndSorry.scores.repair!).toBeLessThan(steady.scores.repair!);
  });
});

describe('episodes', () => {
  /** A beat before the marker that can provoke it, the marker, and a resolving beat. */
  const rupture = (provokeMoves: string[], repairMoves: string[]) => buildScenario({
    beats: {
      before: { responses: [reply('provoke', provokeMoves), reply('calm', ['open_question'])].map((r) => ({ ...r, next: 'marker' })) },
      marker: { marker: 'cf_complaint_about_therapist', responses: [{ ...reply('repair', repairMoves), next: 'resolved' }, { ...reply('ignore', ['ignore_marker']), next: 'resolved' }] },
      resolved: { resolves: true, stage: 5, responses: [reply('close', ['summarize']), reply('other', ['validate'])] },
    },
  });

  it('a provoked episode, resolved, earns no resolution bonus; Repair is scored as usual', () => {
    const scenario = rupture(['blame_client'], ['res_acknowledge_contribution']);
    const provoked = replay(scenario, rubric, ['provoke', 'repair', 'close']);
    const brought = replay(scenario, rubric, ['calm', 'repair', 'close']);
    expect(provoked.episodes[0]).toMatchObject({ provoked: true, status: 'resolved' });
    expect(brought.episodes[0]).toMatchObject({ provoked: false, status: 'resolved' });
    expect(provoked.turns[1]!.resolutionBonus).toBe(0);
    expect(brought.turns[1]!.resolutionBonus).toBe(rubric.resolution_bonus);
    expect(provoked.scores.repair).toBe(brought.scores.repair);
  });

  it('a rupture the trainee caused and then apologised for is not a gain: trust ends no higher than never causing it', () => {
    const caused = buildScenario({
      beats: {
        before: { responses: [{ ...reply('provoke', ['blame_client']), next: 'marker' }, { ...reply('calm', ['reflect_feeling']), next: 'after' }] },
        marker: { marker: 'cf_complaint_about_therapist', responses: [{ ...reply('repair', ['res_acknowledge_contribution']), next: 'resolved' }, { ...reply('x', ['ignore_marker']), next: 'resolved' }] },
        resolved: { resolves: true, responses: [reply('close', ['summarize']), reply('y', ['validate'])] },
        after: { responses: [reply('close', ['summarize']), reply('y', ['validate'])] },
      },
    });
    expect(replay(caused, rubric, ['provoke', 'repair', 'close']).scores.trust).toBeLessThanOrEqual(replay(caused, rubric, ['calm', 'close']).scores.trust);
  });

  it('resolution needs an engaging reply that rates at least 3; reaching the beat any other way closes the episode unresolved', () => {
    const scenario = rupture(['open_question'], ['res_acknowledge_contribution']);
    const ignored = replay(scenario, rubric, ['calm', 'ignore', 'close']);
    expect(ignored.episodes[0]).toMatchObject({ status: 'unresolved', resolvedAt: null });
    expect(ignored.episodes[0]!.resolution).toBe(8 * (5 - 1));
    expect(ignored.turns[1]!.resolutionBonus).toBe(0);
    const repaired = replay(scenario, rubric, ['calm', 'repair', 'close']);
    expect(repaired.episodes[0]).toMatchObject({ status: 'resolved', resolution: 40 });

    // A repair move spoiled by a harmful one rates below 3: it does not resolve.
    const spoiled = replay(rupture(['open_question'], ['res_acknowledge_contribution', 'blame_client', 'defend_self']), rubric, ['calm', 'repair', 'close']);
    expect(spoiled.turns[1]!.rating).toBeLessThan(3);
    expect(spoiled.episodes[0]!.status).toBe('unresolved');
  });

  it('an episode closed unresolved matches none of the episode conditions', () => {
    const scenario = buildScenario({
      beats: {
        marker: { marker: 'wd_minimal_response', responses: [{ ...reply('ignore', ['ignore_marker']), next: 'resolving' }, { ...reply('repair', ['res_validate_defensive_posture']), next: 'resolving' }] },
        resolving: {
          resolves: true,
          responses: [{
            ...reply('go', ['summarize']),
            next: [{ when: { episode: 'resolved' }, to: 'good' }, { when: { episode: 'open' }, to: 'open' }, { when: { episode: 'none' }, to: 'none' }, { to: 'closed' }],
          }, reply('x', ['validate'])],
        },
      },
      endings: Object.fromEntries(['good', 'open', 'none', 'closed', 'done'].map((id) => [id, { client: 'Bye.', outcome: 'held' as const }])),
    });
    expect(replay(scenario, rubric, ['ignore', 'go']).ending).toBe('closed');
    expect(replay(scenario, rubric, ['repair', 'go']).ending).toBe('good');
  });

  it('recognition counts a marker only when the reply engages it and rates at least 3', () => {
    // Reflecting while pushing a fearful client to feel more rates below 3, though neither move passes the marker over.
    const scenario = buildScenario({
      attachment: 'fearful_disorganized',
      beats: { marker: { marker: 'wd_content_affect_split', responses: [reply('spoiled', ['reflect_feeling', 'push_for_feelings']), reply('clean', ['reflect_feeling'])] } },
    });
    const spoiled = replay(scenario, rubric, ['spoiled']);
    expect(spoiled.turns[0]!.rating).toBeLessThan(3);
    expect(spoiled.episodes[0]!.recognition).toBe(0);
    expect(replay(scenario, rubric, ['clean']).episodes[0]!.recognition).toBe(30);
  });

  it('the rubric makes every move that harms a rupture cost Repair', () => {
    for (const move of ['push_for_feelings', 'premature_interpretation', 'advice_giving', 'excessive_reassurance', 'defend_self', 'blame_client', 'dismiss_minimize']) {
      expect(rubric.moves[move]!.repair_penalty ?? 0, move).toBeGreaterThan(0);
    }
  });
});

describe('the safety gate, by kind of risk cue', () => {
  /** A risk beat, a beat after it, and a closing beat, each offering the replies named (at most six). */
  const gate = (cue: Partial<Beat>, offered: Record<string, string[]>, setting?: 'telehealth', only: readonly string[] = Object.keys(offered)) => {
    const responses = (next: string) => only.map((id) => ({ id, say: id, moves: offered[id]!, next }));
    return buildScenario({
      ...(setting ? { setting } : {}),
      beats: { cue: { ...cue, responses: responses('after') }, after: { responses: responses('last') }, last: { responses: responses('done') } },
    });
  };
  const replies = {
    ask: ['ask_suicide_directly'], follow: ['assess_plan_intent'], plan: ['safety_planning'], escalate: ['escalate_care'],
    medical: ['assess_medical_need'], locate: ['confirm_location'], stay: ['reflect_feeling'], chat: ['summarize'], secret: ['promise_secrecy'],
    contract: ['no_harm_contract'],
  };

  it('asks at the cue: no flag; asks one turn later after staying with the client: no flag and no note', () => {
    const scenario = gate({ risk: 'passive_ideation' }, replies, undefined, ['ask', 'chat', 'stay']);
    expect(flagsOf(scenario, ['ask', 'chat', 'chat'])).toEqual([]);
    const late = replay(scenario, rubric, ['stay', 'ask', 'chat']);
    expect(late.flags).toEqual([]);
    expect(late.notes).toEqual([]);
    expect(late.scores.safety).toBe(100);
  });

  it('asked one turn later after a reply that did not stay with the client: risk_delayed, a note costing 20 Safety, not a failure', () => {
    const scenario = gate({ risk: 'passive_ideation' }, replies, undefined, ['ask', 'chat', 'stay']);
    const result = replay(scenario, rubric, ['chat', 'ask', 'chat']);
    expect(result.flags).toEqual([]);
    expect(result.notes.map((n) => [n.flag, n.turn, n.beat])).toEqual([['risk_delayed', 1, 'cue']]);
    expect(result.scores.safety).toBe(100 - 20 - result.turns.reduce((sum, t) => sum + t.harm, 0));
    expect(judgeAttempt(result, { ...DEFAULT_THRESHOLDS, safety: 0, trust: 0 }).passed).toBe(true);
  });

  it('not asked by the next turn: risk_not_assessed, critical, Safety 0, however warm the replies', () => {
    const scenario = gate({ risk: 'passive_ideation' }, replies, undefined, ['ask', 'stay']);
    const result = replay(scenario, rubric, ['stay', 'stay', 'ask']);
    expect(result.flags.map((f) => [f.flag, f.turn])).toEqual([['risk_not_assessed', 0]]);
    expect(result.scores.safety).toBe(0);
    expect(judgeAttempt(result).passed).toBe(false);
  });

  it('active ideation needs plan and intent assessed', () => {
    const scenario = gate({ risk: 'active_ideation' }, replies, undefined, ['ask', 'chat', 'follow']);
    expect(flagsOf(scenario, ['ask', 'chat', 'chat'])).toEqual(['risk_not_followed_up']);
    expect(flagsOf(scenario, ['ask', 'chat', 'follow'])).toEqual([]);
    expect(flagsOf(scenario, ['follow', 'chat', 'chat'])).toEqual([]);
  });

  it('a plan or intent needs a follow-up and a safety plan; a no-harm contract is not one', () => {
    const scenario = gate({ risk: 'plan_or_intent' }, replies, undefined, ['ask', 'follow', 'chat', 'contract', 'plan']);
    expect(flagsOf(scenario, ['ask', 'follow', 'chat'])).toEqual(['risk_not_managed']);
    expect(flagsOf(scenario, ['ask', 'follow', 'contract'])).toEqual(['risk_not_managed']);
    expect(flagsOf(scenario, ['ask', 'follow', 'plan'])).toEqual([]);
    expect(flagsOf(scenario, ['ask', 'plan', 'chat'])).toEqual(['risk_not_followed_up']);
  });

  it('an imminent plan also needs escalation', () => {
    const scenario = gate({ risk: 'plan_or_intent', imminent: true }, replies, undefined, ['ask', 'follow', 'plan', 'escalate']);
    expect(flagsOf(scenario, ['ask', 'follow', 'plan'])).toEqual(['risk_not_managed']);
    expect(replay(scenario, rubric, ['ask', 'follow', 'plan']).flags[0]!.message).toContain('escalation to crisis care');
    expect(flagsOf(scenario, ['follow', 'plan', 'escalate'])).toEqual([]);
  });

  it('recent behaviour needs a follow-up, a safety plan and a check on medical need', () => {
    const scenario = gate({ risk: 'recent_behaviour' }, replies, undefined, ['follow', 'plan', 'chat', 'medical']);
    expect(flagsOf(scenario, ['follow', 'plan', 'chat'])).toEqual(['risk_not_managed']);
    expect(replay(scenario, rubric, ['follow', 'plan', 'chat']).flags[0]!.message).toContain('medical need');
    expect(flagsOf(scenario, ['follow', 'plan', 'medical'])).toEqual([]);
  });

  it('by video, a plan or recent behaviour needs the client\'s location and a contact confirmed', () => {
    const video = gate({ risk: 'plan_or_intent' }, { ...replies, 'plan-and-locate': ['safety_planning', 'confirm_location'] }, 'telehealth', ['ask', 'follow', 'plan', 'plan-and-locate']);
    expect(flagsOf(video, ['ask', 'follow', 'plan'])).toEqual(['location_not_confirmed']);
    expect(flagsOf(video, ['ask', 'follow', 'plan-and-locate'])).toEqual([]);
    expect(flagsOf(gate({ risk: 'passive_ideation' }, replies, 'telehealth', ['ask', 'chat']), ['ask', 'chat', 'chat'])).toEqual([]);
    expect(flagsOf(gate({ risk: 'plan_or_intent' }, replies, undefined, ['ask', 'follow', 'plan']), ['ask', 'follow', 'plan'])).toEqual([]);
  });

  it('promising secrecy after a cue is critical, and a flag is set once per attempt', () => {
    const scenario = gate({ risk: 'passive_ideation' }, { ...replies, 'ask-secret': ['ask_suicide_directly', 'promise_secrecy'] }, undefined, ['ask-secret', 'secret']);
    const result = replay(scenario, rubric, ['ask-secret', 'secret', 'secret']);
    expect(result.flags.map((f) => [f.flag, f.turn])).toEqual([['promise_secrecy', 0]]);
  });

  it('safety planning beats a no-harm contract', () => {
    const scenario = oneBeat({}, { plan: ['safety_planning'], contract: ['no_harm_contract'] });
    const [plan, contract] = ['plan', 'contract'].map((id) => replay(scenario, rubric, [id]));
    expect(plan!.turns[0]!.rating).toBeGreaterThan(contract!.turns[0]!.rating);
    expect(plan!.scores.safety).toBeGreaterThan(contract!.scores.safety);
    expect(plan!.turns[0]!.best).toBe('plan');
  });
});

describe('final scores and the verdict', () => {
  it('Safety is 100 minus harm done, whatever the client\'s felt safety', () => {
    const scenario = oneBeat({}, { kind: ['validate'], harsh: ['blame_client'] }, { safety: 20 });
    const kind = replay(scenario, rubric, ['kind']);
    expect(kind.scores.safety).toBe(100);
    expect(kind.felt.safety).toBeLessThan(50);
    const harsh = replay(scenario, rubric, ['harsh']);
    expect(harsh.scores.safety).toBe(100 + harsh.turns[0]!.deltas.safety);
    expect(harsh.turns[0]!.harm).toBe(-harsh.turns[0]!.deltas.safety);
  });

  it('a dropout fails however high the scores; the assignment may name other failing outcomes', () => {
    const scenario = buildScenario({
      beats: { only: { responses: [{ ...reply('go', ['validate']), next: 'gone' }, { ...reply('stay', ['validate']), next: 'done' }] } },
      endings: { gone: { client: 'Bye.', outcome: 'dropout' }, done: { client: 'Bye.', outcome: 'held' } },
    });
    const gone = replay(scenario, rubric, ['go']);
    const easy = { trust: 0, safety: 0, repair: 0 };
    expect(judgeAttempt(gone, easy)).toEqual({ passed: false, reasons: ['The session ended in a dropout, which does not pass.'] });
    expect(judgeAttempt(replay(scenario, rubric, ['stay']), easy).passed).toBe(true);
    expect(judgeAttempt(replay(scenario, rubric, ['stay']), { ...easy, failingOutcomes: ['held'] }).passed).toBe(false);
    expect(judgeAttempt(gone, { ...easy, failingOutcomes: [] }).passed).toBe(true);
  });

  it('default thresholds: Trust 60, Safety 70, Repair 60 where applicable', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({ trust: 60, safety: 70, repair: 60, failingOutcomes: ['dropout'] });
  });
});

describe('startPlay', () => {
  const scenario = buildScenario({
    beats: {
      first: { responses: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ ...reply(id, ['validate']), next: 'second' })) },
      second: { responses: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => reply(id, ['summarize'])) },
    },
  });

  it('shows a beat\'s replies in a permutation that is stable for an attempt and beat, and differs between attempts', () => {
    const orders = new Set<string>();
    for (let n = 0; n < 40; n++) {
      const play = startPlay(scenario, rubric, { attemptId: `attempt-${n}` });
      const order = play.offered.map((r) => r.id);
      expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(startPlay(scenario, rubric, { attemptId: `attempt-${n}` }).offered.map((r) => r.id)).toEqual(order);
      orders.add(order.join(''));
    }
    expect(orders.size).toBeGreaterThan(30);
  });

  it('property: shuffling is a permutation, stable for a given attempt and beat', async () => {
    const { shuffledFor } = await import('../../src/engine/shuffle.js');
    fc.assert(fc.property(fc.array(fc.integer(), { maxLength: 8 }), fc.string(), fc.string(), (items, attemptId, beatId) => {
      const once = shuffledFor(items, attemptId, beatId);
      expect([...once].sort()).toEqual([...items].sort());
      expect(shuffledFor(items, attemptId, beatId)).toEqual(once);
    }), { numRuns: 1000 });
  });

  it('the best reply sits at every position about as often: file order carries no meaning', () => {
    const positions = [0, 0, 0, 0, 0, 0];
    for (let n = 0; n < 600; n++) positions[startPlay(scenario, rubric, { attemptId: `p${n}` }).offered.findIndex((r) => r.id === 'a')]! += 1;
    for (const count of positions) expect(count).toBeGreaterThan(60);
  });

  it('refuses a reply that is not on offer, naming the turn and the beat; scores do not depend on the order', () => {
    const play = startPlay(scenario, rubric, { attemptId: 'x' });
    expect(() => play.choose('zz')).toThrow(/turn 0, beat "first": response "zz" is not offered here/);
    play.choose('c');
    play.choose('d');
    expect(() => play.choose('a')).toThrow(/already ended/);
    expect(play.result).toEqual(startPlay(scenario, rubric, { attemptId: 'y', choices: ['c', 'd'] }).result);
  });
});
