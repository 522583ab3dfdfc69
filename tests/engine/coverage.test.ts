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
});
