/**
 * The shipped library, asserted from the files themselves: enough sessions, each
 * long enough for choices to matter, covering every 3RS marker and strategy,
 * every attachment style twice, both risk kinds that need different handling,
 * every setting, and a portrait for every client that the game's rig can pose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryCoverage } from '../src/engine/index.js';
import { AFFECTS, POSTURES } from '../src/engine/vocabulary.js';
import type { Scenario } from '../src/engine/index.js';
import { LIBRARY, scenarioFileNames, shippedRubric, shippedScenario } from './support/library.js';

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

  it('takes place in every setting, with clients of different ages and genders', () => {
    expect(coverage.settings.missing).toEqual([]);
    const clients = sessions.map((f) => f.scenario.client);
    const ages = clients.map((client) => client.age);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThanOrEqual(30);
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
