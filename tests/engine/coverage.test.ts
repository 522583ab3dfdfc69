/** What a library covers of the 3RS, attachment styles and risk kinds, counted from the scenarios themselves. */
import { describe, expect, it } from 'vitest';
import { libraryCoverage } from '../../src/engine/index.js';
import { buildScenario } from '../support/build.js';
import { shippedRubric, shippedScenario } from '../support/library.js';

const { rubric } = shippedRubric();

describe('library coverage', () => {
  it('counts the markers, the strategies offered as good responses, styles, risk kinds and pairings of the shipped Maya scenario', () => {
    const coverage = libraryCoverage([shippedScenario('maya-after-cancellation.yaml', rubric).scenario], rubric);
    expect(coverage.markers.covered).toEqual(['wd_denial', 'wd_deferential_appeasing', 'wd_content_affect_split', 'wd_self_criticism_hopelessness', 'cf_complaint_about_therapist']);
    expect(coverage.strategies.missing).toEqual([]);
    expect(coverage.attachment).toEqual({ secure: 0, anxious_preoccupied: 1, dismissing_avoidant: 0, fearful_disorganized: 0 });
    expect(coverage.risks.covered).toEqual(['passive_ideation']);
    expect(coverage.pairings.missing).toEqual([]);
  });

  it('does not count a strategy paired with an unhelpful move as a good response', () => {
    const scenario = buildScenario({
      beats: { only: { marker: 'wd_denial', responses: [
        { id: 'mixed', say: 'm', moves: ['res_redirect_refocus', 'ignore_marker'], next: 'done' },
        { id: 'clean', say: 'c', moves: ['res_validate_defensive_posture'], next: 'done' },
      ] } },
    });
    const coverage = libraryCoverage([scenario], rubric);
    expect(coverage.strategies.covered).toEqual(['res_validate_defensive_posture']);
    expect(coverage.pairings.covered).toEqual(['withdrawal/repair_immediate']);
  });

  it('finds a rupture that grows out of low trust, and leaves tutorials out of every count', () => {
    const scenario = buildScenario({
      trust: 30,
      beats: {
        ask: { responses: [{ id: 'go', say: 'g', moves: ['open_question'], next: [{ when: { trust: { lt: 40 } }, to: 'closes' }, { to: 'done' }] }, { id: 'stop', say: 's', moves: ['validate'], next: 'done' }] },
        closes: { marker: 'wd_minimal_response', responses: [{ id: 'a', say: 'a', moves: ['res_validate_defensive_posture'], next: 'done' }, { id: 'b', say: 'b', moves: ['ignore_marker'], next: 'done' }] },
      },
    });
    const session = { ...scenario, setting: 'telehealth' as const };
    const tutorial = { ...scenario, id: 'tutorial', kind: 'tutorial' as const, setting: 'private_practice' as const };
    const coverage = libraryCoverage([session, tutorial], rubric);
    expect(coverage.trustRuptures).toEqual(['built']);
    expect(coverage.scenarios[0]!.trustRuptures).toEqual(['closes']);
    expect(coverage.tutorials).toEqual(['tutorial']);
    expect(coverage.scenarios.map((c) => c.id)).toEqual(['built']);
    expect(coverage.settings.covered).toEqual(['telehealth']);
    expect(coverage.attachment.secure).toBe(1);
  });

  it('counts only branches that select low trust (lt, lte): a gte branch into a marker beat is not a rupture from low trust', () => {
    const marker = (id: string) => ({ marker: 'wd_minimal_response' as const, responses: [
      { id: `${id}-a`, say: 'a', moves: ['res_validate_defensive_posture'], next: 'done' },
      { id: `${id}-b`, say: 'b', moves: ['ignore_marker'], next: 'done' },
    ] });
    const scenario = (when: { trust: Record<string, number> }) => buildScenario({
      beats: {
        ask: { responses: [
          { id: 'go', say: 'g', moves: ['open_question'], next: [{ when, to: 'closes' }, { to: 'done' }] },
          { id: 'stop', say: 's', moves: ['validate'], next: 'done' },
        ] },
        closes: marker('closes'),
      },
    });
    const found = (when: { trust: Record<string, number> }) => libraryCoverage([scenario(when)], rubric).scenarios[0]!.trustRuptures;
    expect(found({ trust: { gte: 60 } })).toEqual([]);
    expect(found({ trust: { gt: 60 } })).toEqual([]);
    expect(found({ trust: { lte: 100 } })).toEqual([]);
    expect(found({ trust: { lt: 40 } })).toEqual(['closes']);
    expect(found({ trust: { lte: 40 } })).toEqual(['closes']);
    expect(found({ trust: { gte: 20, lt: 40 } })).toEqual(['closes']);

    const both = buildScenario({
      beats: {
        ask: { responses: [
          { id: 'go', say: 'g', moves: ['open_question'], next: [{ when: { trust: { gte: 70 } }, to: 'high' }, { when: { trust: { lt: 40 } }, to: 'low' }, { to: 'done' }] },
          { id: 'stop', say: 's', moves: ['validate'], next: 'done' },
        ] },
        high: marker('high'),
        low: marker('low'),
      },
    });
    const coverage = libraryCoverage([both], rubric);
    expect(coverage.scenarios[0]!.trustRuptures).toEqual(['low']);
    expect(coverage.trustRuptures).toEqual(['built']);
    expect(libraryCoverage([scenario({ trust: { gte: 60 } })], rubric).trustRuptures).toEqual([]);
  });
});
