/**
 * The shipped library, asserted from the files themselves: enough sessions, each
 * long enough for choices to matter, covering every 3RS marker and strategy,
 * every attachment style twice, both risk kinds that need different handling,
 * every setting, and a portrait for every client that the game's rig can pose;
 * risk handled as clinical.md §6 asks and no method detail in any line; a
 * tutorial that is a supervisor's role-play; clients who differ; and scores
 * that measure skill, not reading (the validity suite of docs/scoring.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryCoverage, libraryValidity, replay } from '../src/engine/index.js';
import { AFFECTS, POSTURES, RISK_KINDS_NEEDING_MANAGEMENT, SETTINGS, assessesRisk, managesRisk } from '../src/engine/vocabulary.js';
import type { Scenario } from '../src/engine/index.js';
import { LIBRARY, scenarioFileNames, shippedRubric, shippedScenario } from './support/library.js';
import { greedyPath, pathTo } from './support/paths.js';

const PORTRAITS = join(import.meta.dirname, '..', 'assets', 'portraits');
const { rubric } = shippedRubric();
const files = scenarioFileNames().map((name) => ({ name, text: readFileSync(join(LIBRARY, name), 'utf8'), scenario: shippedScenario(name, rubric).scenario }));
const sessions = files.filter((f) => f.scenario.kind !== 'tutorial');
const tutorials = files.filter((f) => f.scenario.kind === 'tutorial');
const coverage = libraryCoverage(files.map((f) => f.scenario), rubric);

const outcomes = (scenario: Scenario) => Object.values(scenario.endings).map((ending) => ending.outcome);

describe('the shipped library', () => {
  it('has at least eight sessions and at least one tutorial', () => {
    expect(sessions.length).toBeGreaterThanOrEqual(8);
    expect(tutorials.length).toBeGreaterThanOrEqual(1);
    expect(coverage.tutorials).toEqual(tutorials.map((f) => f.scenario.id));
  });

  it.each(sessions.map((f) => [f.name, f.scenario] as const))('%s is long enough for choices to matter', (_name, scenario) => {
    expect(Object.keys(scenario.beats).length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(scenario.endings).length).toBeGreaterThanOrEqual(3);
    expect(outcomes(scenario)).toContain('repaired');
    expect(outcomes(scenario).some((outcome) => outcome === 'unresolved' || outcome === 'dropout')).toBe(true);
  });

  it.each(tutorials.map((f) => [f.name, f.scenario] as const))('the tutorial %s can end repaired and can end unresolved', (_name, scenario) => {
    expect(outcomes(scenario)).toContain('repaired');
    expect(outcomes(scenario)).toContain('unresolved');
  });

  it('meets every 3RS rupture marker and offers every 3RS resolution strategy as a good response', () => {
    expect(coverage.markers.missing).toEqual([]);
    expect(coverage.strategies.missing).toEqual([]);
  });

  it('has at least two sessions for each attachment style', () => {
    for (const count of Object.values(coverage.attachment)) expect(count).toBeGreaterThanOrEqual(2);
  });

  it('meets both rupture types with both immediate and expressive repairs', () => {
    expect(coverage.pairings.missing).toEqual([]);
  });

  it('has a rupture that grows out of low trust, not only from an authored marker', () => {
    expect(coverage.trustRuptures.length).toBeGreaterThanOrEqual(1);
  });

  it('carries passive ideation and a plan or intent, each in some session', () => {
    expect(coverage.risks.covered).toEqual(expect.arrayContaining(['passive_ideation', 'plan_or_intent']));
  });

  it('takes place in every setting, with clients of different genders and names (ages and the rest below)', () => {
    expect(coverage.settings.missing).toEqual([]);
    const clients = sessions.map((f) => f.scenario.client);
    const pronouns = new Set(clients.map((client) => client.pronouns.split('/')[0]));
    expect([...pronouns]).toEqual(expect.arrayContaining(['she', 'he', 'they']));
    expect(new Set(clients.map((client) => client.name)).size).toBe(clients.length);
  });

  it.each(files.map((f) => [f.name, f.text] as const))('%s opens by naming the sections of the clinical reference it draws on', (_name, text) => {
    const opening = text.split('\n').slice(0, 8).join('\n');
    expect(opening).toMatch(/^# Clinical grounding: clinical\.md/m);
    expect(opening).toMatch(/§\d/);
  });

  it.each(files.map((f) => [f.name, f.scenario] as const))('every response in %s has feedback', (_name, scenario) => {
    const silent = Object.entries(scenario.beats).flatMap(([beatId, beat]) =>
      beat.responses.filter((response) => !response.feedback?.trim()).map((response) => `${beatId}/${response.id}`));
    expect(silent).toEqual([]);
  });
});

describe('portraits', () => {
  const REQUIRED_IDS = [
    'head', 'torso', 'pupils', 'tears',
    ...AFFECTS.flatMap((affect) => ['brows', 'eyes', 'mouth'].map((part) => `${part}-${affect}`)),
    ...POSTURES.map((posture) => `arms-${posture}`),
  ];

  it.each(files.map((f) => [f.name, f.scenario] as const))('%s has a portrait with every part the rig poses', (_name, scenario) => {
    expect(scenario.client.portrait).toBeTruthy();
    const svg = readFileSync(join(PORTRAITS, `${scenario.client.portrait}.svg`), 'utf8');
    const ids = new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives every client a portrait of their own', () => {
    const portraits = files.map((f) => f.scenario.client.portrait);
    expect(new Set(portraits).size).toBe(portraits.length);
  });
});

/**
 * Safe messaging (clinical.md §6): method terms for suicide and self-harm. Tuned
 * to method detail, not to ordinary words: "left me hanging", "jump ahead",
 * "how many nights" and "exhausting" are not hits; "hang myself", "jump off",
 * "how many would it take" and "exhaust" are.
 */
const METHOD_TERMS: readonly RegExp[] = [
  /\boverdos(?:e|ed|es|ing)\b/i,
  /\b(?:stockpil\w*|hoard\w*|sav(?:e|ed|ing) up|count(?:ed|ing)? out|counted|enough|box(?:es)? of|bottles? of|packets? of|all (?:my|the|his|her|their))\b[^.!?]{0,40}\b(?:pills?|tablets?|meds|medication|painkillers?|sleeping pills)\b/i,
  /\b(?:pills?|tablets?|meds|medication|painkillers?)\b[^.!?]{0,40}\b(?:stockpil\w*|hoard\w*|saved|saving|counted|counting|enough to|in a drawer|kept back)\b/i,
  /\bparacetamol\b|\bacetaminophen\b/i,
  /\b(?:ropes?|ligatures?|noose)\b/i,
  /\bhang(?:ing|ed|s)? (?:myself|himself|herself|themselves|themself|yourself)\b|\ba hanging\b/i,
  /\bjump(?:ed|ing|s)? (?:off|from|in front of)\b|\bin front of (?:a|the) (?:train|bus|lorry|truck)\b/i,
  /\b(?:bridges?|cliffs?|train tracks|railway (?:line|tracks?)|rooftops?|multi-storey)\b/i,
  /(?<!shoulder )\b(?:razors?|blades?)\b/i,
  /\bcut(?:s|ting)? (?:deep|deeper|myself|himself|herself|themselves|themself)\b|\bcut(?:s|ting)? (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|skin)\b/i,
  /\b(?:guns?|firearms?|shotguns?|rifles?|pistols?)\b/i,
  /\b(?:poison\w*|bleach|antifreeze|weedkiller)\b/i,
  /\bcarbon monoxide\b|\bexhaust(?: pipe| fumes)?\b|\bhosepipe\b/i,
  /\b(?:lethal|fatal|deadly) (?:dose|amount|means)\b/i,
  /\bhow (?:many|much)\b[^.!?]{0,40}\bwould\b/i,
  /\b(?:suffocat\w*|asphyxi\w*|drown (?:myself|himself|herself|themselves))\b/i,
  /\b(?:knife|knives)\b/i,
];
const methodTerms = (text: string): string[] => METHOD_TERMS.flatMap((term) => text.match(term)?.[0] ?? []);

/** Every line the trainee reads in a scenario: what the client says and shows, the endings, and the replies on offer. */
function linesOf(scenario: Scenario): { where: string; text: string }[] {
  return [
    ...Object.entries(scenario.beats).flatMap(([id, beat]) => [
      { where: `beats.${id}.client`, text: beat.client },
      { where: `beats.${id}.cue.note`, text: beat.cue?.note ?? '' },
      ...beat.responses.map((response) => ({ where: `beats.${id}.${response.id}.say`, text: response.say })),
    ]),
    ...Object.entries(scenario.endings).flatMap(([id, ending]) => [
      { where: `endings.${id}.client`, text: ending.client },
      { where: `endings.${id}.epilogue`, text: ending.epilogue ?? '' },
    ]),
  ];
}

describe('safe messaging (clinical.md §6)', () => {
  it('the method-term check catches planted method detail and passes ordinary words', () => {
    const planted = [
      'I\'ve been saving up my tablets in a drawer.',
      'I looked up how many it would take.',
      'I thought about the bridge on the way here.',
      'I\'d hang myself before I went back there.',
      'I cut deeper this time.',
      'Paracetamol, mostly.',
      'I sat in the garage with the exhaust running.',
      'My dad keeps a gun in the shed.',
    ];
    for (const line of planted) expect(methodTerms(line), line).not.toEqual([]);
    const ordinary = [
      'A text three hours before just left me hanging.',
      'Let\'s jump ahead a few sessions.',
      'I counted how many times you looked at the clock.',
      'I\'m exhausting. I\'d be sick of me too.',
      'How many nights that spring she had lain awake.',
      'Could you cut back the extra nights?',
      'I hurt myself again on Sunday.',
    ];
    for (const line of ordinary) expect(methodTerms(line), line).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.scenario] as const))('no line in %s names a method of suicide or self-harm', (_name, scenario) => {
    const hits = linesOf(scenario).flatMap(({ where, text }) => methodTerms(text).map((term) => `${where}: "${term}"`));
    expect(hits).toEqual([]);
  });
});

describe('the tutorial', () => {
  const [tutorial] = tutorials;

  it('is a role-play by a supervisor, who plays a client in and out of role', () => {
    expect(tutorial, 'a scenario with kind: tutorial').toBeDefined();
    const { scenario } = tutorial!;
    expect(scenario.client.presenting).toMatch(/\brole-play, not a real client\b/i);
    expect(scenario.client.presenting).toMatch(/\bsupervisor plays\b/i);
    expect(scenario.client.background).toMatch(/\bsupervises\b/i);
    expect(scenario.client.background).toMatch(/\bin role she plays\b/i);
    expect(scenario.summary).toMatch(/\bsupervisor\b/i);
    expect(scenario.briefing).toMatch(/\bsupervisor\b/i);
    expect(scenario.briefing).toMatch(/\bplay a client\b/i);
    const lines = [...Object.values(scenario.beats), ...Object.values(scenario.endings)].map((part) => part.client);
    expect(lines.filter((line) => !/^\((?:Out of role|In role)\b/.test(line))).toEqual([]);
    expect(lines.some((line) => line.startsWith('(Out of role'))).toBe(true);
    expect(lines.some((line) => line.startsWith('(In role'))).toBe(true);
  });

  it('is left out of every coverage count', () => {
    const { tutorials: listed, scenarios: counted, ...counts } = coverage;
    const { tutorials: none, scenarios: countedWithout, ...countsWithout } = libraryCoverage(sessions.map((f) => f.scenario), rubric);
    expect(listed).toEqual([tutorial!.scenario.id]);
    expect(none).toEqual([]);
    expect(counted.map((c) => c.id)).not.toContain(tutorial!.scenario.id);
    expect(counted).toEqual(countedWithout);
    expect(counts).toEqual(countsWithout);
  });
});

describe('risk handled as clinical.md §6 asks', () => {
  const riskBeats = sessions.flatMap(({ scenario }) => Object.entries(scenario.beats)
    .filter(([, beat]) => beat.risk)
    .map(([beat, { risk }]) => [`${scenario.id}/${beat} (${risk})`, scenario, beat] as const));

  it('the library has risk cues of each kind that needs different handling', () => {
    const kinds = new Set(riskBeats.map(([, scenario, beat]) => scenario.beats[beat]!.risk));
    expect([...kinds]).toEqual(expect.arrayContaining(['passive_ideation', 'plan_or_intent', 'recent_behaviour']));
  });

  it.each(riskBeats)('%s: whatever the reply, a direct question is on offer that turn or the next', (_label, scenario, beatId) => {
    const beat = scenario.beats[beatId]!;
    expect(beat.responses.some((response) => assessesRisk(response.moves))).toBe(true);
    const noQuestionNext = beat.responses.filter((response) => !assessesRisk(response.moves)).flatMap((response) =>
      (typeof response.next === 'string' ? [response.next] : response.next.map((branch) => branch.to))
        .filter((next) => !scenario.beats[next]?.responses.some((r) => assessesRisk(r.moves)))
        .map((next) => `${response.id} -> ${next}`));
    expect(noQuestionNext).toEqual([]);
  });

  it.each(riskBeats)('%s: the best path from the cue asks, and passes the safety gate', (_label, scenario, beatId) => {
    const prefix = pathTo(scenario, rubric, beatId);
    const result = replay(scenario, rubric, greedyPath(scenario, rubric, 'best', { prefix }));
    const cue = result.turns[prefix.length]!;
    expect(cue.beat).toBe(beatId);
    expect(result.turns.slice(prefix.length, prefix.length + 2).some((turn) => assessesRisk(turn.moves))).toBe(true);
    if (RISK_KINDS_NEEDING_MANAGEMENT.includes(scenario.beats[beatId]!.risk!)) {
      expect(result.turns.slice(prefix.length).some((turn) => managesRisk(turn.moves)), 'safety planning or escalation after the cue').toBe(true);
    }
    expect(result.flags).toEqual([]);
    expect(result.passedSafety).toBe(true);
  });

  it.each(riskBeats)('%s: the worst path that skips the question raises risk_not_assessed', (_label, scenario, beatId) => {
    const prefix = pathTo(scenario, rubric, beatId);
    const path = greedyPath(scenario, rubric, 'worst', { prefix, skip: (response) => assessesRisk(response.moves) });
    const result = replay(scenario, rubric, path);
    expect(result.turns.slice(prefix.length).some((turn) => assessesRisk(turn.moves))).toBe(false);
    expect(result.flags.filter((flag) => flag.flag === 'risk_not_assessed').map((flag) => flag.beat)).toContain(beatId);
    expect(result.passedSafety).toBe(false);
    expect(result.scores.safety).toBe(0);
  });

  it.each(riskBeats.filter(([, scenario, beat]) => RISK_KINDS_NEEDING_MANAGEMENT.includes(scenario.beats[beat]!.risk!)))(
    '%s: asking but never planning or escalating raises risk_not_managed', (_label, scenario, beatId) => {
      const prefix = pathTo(scenario, rubric, beatId);
      const path = greedyPath(scenario, rubric, 'best', { prefix, skip: (response) => managesRisk(response.moves) });
      const result = replay(scenario, rubric, path);
      expect(result.turns.slice(prefix.length).some((turn) => managesRisk(turn.moves))).toBe(false);
      expect(result.turns.slice(prefix.length, prefix.length + 2).some((turn) => assessesRisk(turn.moves))).toBe(true);
      expect(result.flags.map((flag) => flag.flag)).toContain('risk_not_managed');
    });
});

describe('the clients differ', () => {
  const clients = sessions.map((f) => f.scenario.client);

  it('in age, by at least 40 years across the sessions', () => {
    const ages = clients.map((client) => client.age);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThanOrEqual(40);
  });

  it('in pronouns, at least three sets', () => {
    expect(new Set(clients.map((client) => client.pronouns.toLowerCase())).size).toBeGreaterThanOrEqual(3);
  });

  it('in setting: every one of the four', () => {
    expect(new Set(sessions.map((f) => f.scenario.setting))).toEqual(new Set(SETTINGS));
  });

  it('in presenting problem: no two alike', () => {
    const presenting = clients.map((client) => client.presenting.trim().toLowerCase());
    expect(new Set(presenting).size).toBe(presenting.length);
  });
});

describe('the validity suite (docs/scoring.md): scores measure skill, not reading', () => {
  const validity = libraryValidity(sessions.map((f) => ({ scenario: f.scenario, rubric })));

  it.each(validity.scenarios.map((v) => [v.scenario, v] as const))('%s meets every row', (_id, v) => {
    expect({ outcome: v.greedyBest.outcome, passed: v.greedyBest.passed }).toMatchObject({ passed: true });
    expect(['repaired', 'escalated', 'referred', 'held']).toContain(v.greedyBest.outcome);
    expect(v.greedyWorst.passed, 'greedy worst').toBe(false);
    expect(v.longest.passed, 'longest reply every beat').toBe(false);
    expect(v.mostMoves.passed, 'most moves every beat').toBe(false);
    expect(v.lengthRanks.runs.filter((run) => run.passed).map((run) => run.rank), 'a fixed length rank').toEqual([]);
    expect(v.filePlaces.runs.filter((run) => run.passed).map((run) => run.place), 'a fixed place in the file').toEqual([]);
    expect(v.clean.passed / v.clean.walks, 'clean walks').toBeGreaterThanOrEqual(0.8);
    expect(v.random.passed / v.random.walks, 'random walks').toBeLessThanOrEqual(0.1);
    expect(v.repairedWithFlag.holds, 'a repaired ending with a critical flag').toBe(true);
    expect(v.holds).toBe(true);
  });

  it('the best reply is also the longest at no more than 40 % of beats, across the library', () => {
    expect(validity.bestIsLongest.longest / validity.bestIsLongest.beats).toBeLessThanOrEqual(0.4);
    expect(validity.holds).toBe(true);
  });
});
