/**
 * Generated scenarios of any size, valid by construction, for the checker's
 * scale tests and the benchmark: a long session with loops back, conditional
 * branches on trust and flags, rupture episodes, risk cues and several endings.
 */
import { stringify } from 'yaml';
import type { Scenario } from '../../src/engine/index.js';

type Beat = Scenario['beats'][string];
type Response = Beat['responses'][number];

const beatId = (i: number) => `beat-${i}`;

function beatAt(i: number, count: number): Beat {
  const last = i === count - 1;
  const next = last ? 'end-repaired' : beatId(i + 1);
  const skip = i + 2 < count ? beatId(i + 2) : 'end-held';
  const phase = i % 10;
  const beat: Beat = { client: `Line ${i}.`, cue: { affect: 'neutral' }, responses: [] };
  if (phase === 1) beat.marker = i % 20 === 1 ? 'wd_minimal_response' : 'cf_complaint_about_activities';
  if (phase === 3) beat.stage = 3;
  if (phase === 5) beat.resolves = true;
  if (i % 50 === 7) beat.risk = i % 100 === 7 ? 'passive_ideation' : 'plan_or_intent';

  const good: Response = {
    id: 'attune',
    say: 'An attuned reply.',
    moves: beat.risk ? ['ask_suicide_directly', 'assess_plan_intent', 'safety_planning'] : phase === 1 ? ['res_invite_discussion_of_relationship', 'reflect_feeling'] : ['reflect_feeling'],
    feedback: 'Stays with the client.',
    next,
  };
  const poor: Response = {
    id: 'miss',
    say: 'A reply that misses.',
    moves: phase === 1 ? ['ignore_marker'] : ['advice_giving'],
    set: { [`missed_${i % 7}`]: true },
    next: [
      { when: { trust: { gte: 30 } }, to: next },
      { to: skip },
    ],
  };
  const back: Response = {
    id: 'revisit',
    say: 'Let us go back to something you said.',
    moves: ['summarize'],
    set: { [`missed_${i % 7}`]: false },
    next: [
      { when: { flags: { [`missed_${(i + 3) % 7}`]: true } }, to: beatId(Math.max(0, i - 3)) },
      // Inside an episode (after its marker, before the beat that resolves it).
      ...(phase >= 1 && phase <= 4 ? [{ when: { episode: 'open' as const }, to: next }] : []),
      { to: i % 25 === 24 || last ? 'end-dropout' : next },
    ],
  };
  beat.responses = [good, poor, back];
  return beat;
}

export function generateScenario(beats: number): Scenario {
  const all: Record<string, Beat> = {};
  for (let i = 0; i < beats; i++) all[beatId(i)] = beatAt(i, beats);
  return {
    format: 1,
    id: `generated-${beats}`,
    title: `Generated session with ${beats} beats`,
    summary: 'A long generated session for scale tests.',
    client: { name: 'Sam', age: 40, pronouns: 'he/him', attachment: 'anxious_preoccupied', presenting: 'Generated.' },
    briefing: 'Generated.',
    objectives: ['Check the checker at scale.'],
    initial: { trust: 50, safety: 50 },
    start: beatId(0),
    beats: all,
    endings: {
      'end-repaired': { client: 'Thank you.', outcome: 'repaired' },
      'end-held': { client: 'See you.', outcome: 'held' },
      'end-dropout': { client: 'I have to go.', outcome: 'dropout' },
    },
  };
}

export function generateScenarioYaml(beats: number): string {
  return `# yaml-language-server: $schema=./scenario.schema.json\n${stringify(generateScenario(beats))}`;
}
