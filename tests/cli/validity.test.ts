/**
 * `securebase check --validity` as authors run it: a table per scenario, the
 * library summary, exit 1 when a requirement fails, and the same figures as
 * JSON. The scenarios and their rubric are the validity fixtures
 * (tests/fixtures/validity/fixtures.ts), written to a folder of their own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioValidity } from '../../src/engine/analysis/validity.js';
import { invalidFixture, tutorialFixture, validFixture, validityRubric, yamlOf } from '../fixtures/validity/fixtures.js';
import { securebaseRun } from '../support/cli.js';

let folder = '';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'securebase-validity-'));
  writeFileSync(join(folder, 'rubric.yaml'), yamlOf(validityRubric()));
  for (const scenario of [validFixture(), invalidFixture(), tutorialFixture()]) writeFileSync(join(folder, `${scenario.id}.yaml`), yamlOf(scenario));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('securebase check --validity', () => {
  it('prints a table per scenario and a library summary, and exits 1 when a requirement fails', async () => {
    const run = await securebaseRun(['check', folder, '--validity']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const out = run.stdout;
    expect(out).toContain('Validity (docs/scoring.md, "The validity suite"): 5,000 clean and 5,000 random walks per scenario');
    expect(out).toMatch(/invalid\.yaml {2}invalid: 8 rows fail\n {2}row +figure +requirement +holds\n {2}-+ +-+ +-+ +-+\n/);
    expect(out).toMatch(/valid\.yaml {2}valid: every row holds\n/);
    const invalid = out.slice(out.indexOf('invalid: 8 rows fail'), out.indexOf('valid: every row holds'));
    expect(invalid).toMatch(/^ {2}greedy best +fails: end-dropout \(dropout\), 2 turns +passes; repaired, escalated, referred, held +NO$/m);
    expect(invalid).toMatch(/^ {2}greedy worst +passes: end-repaired \(repaired\), 2 turns +fails +NO$/m);
    expect(invalid).toMatch(/^ {2}longest reply every beat +passes: .* +fails +NO$/m);
    expect(invalid).toMatch(/^ {2}most moves every beat +passes: .* +fails +NO$/m);
    expect(invalid).toMatch(/^ {2}any other length rank every beat +upper quartile passes: end-repaired \(repaired\), 2 turns +each fails +NO$/m);
    expect(invalid).toMatch(/^ {2}clean walks +0 of 5,000 pass \(0\.0 %\) +at least 80 % pass +NO$/m);
    expect(invalid).toMatch(/^ {2}random walks +[\d,]+ of 5,000 pass \([\d.]+ %\) +at most 10 % pass +NO$/m);
    expect(invalid).toMatch(/^ {2}best reply is also the longest +1 of 2 beats \(50\.0 %\) +at most 40 % across the library +\(library\)$/m);
    expect(invalid).toMatch(/^ {2}repaired ending with a critical flag +0 of 10,011 walks; 0 of 4 paths +none +yes$/m);
    expect(invalid).toContain('  best is also the longest at: first');
    const valid = out.slice(out.indexOf('valid: every row holds'));
    expect(valid).toMatch(/^ {2}greedy best +passes: end-repaired \(repaired\), 3 turns +passes; .* +yes$/m);
    expect(valid).toMatch(/^ {2}any other length rank every beat +upper quartile, median, lower quartile, shortest: each fails +each fails +yes$/m);
    expect(valid).toMatch(/^ {2}a fixed place in the file every beat +first, middle, last: each fails +each fails +yes$/m);
    expect(invalid).toMatch(/^ {2}a fixed place in the file every beat +middle passes: .*; last passes: .* +each fails +NO$/m);
    expect(valid).toMatch(/^ {2}clean walks +5,000 of 5,000 pass \(100\.0 %\) +at least 80 % pass +yes$/m);
    expect(out).toContain('Library: 2 scenarios; skipped tutorial (tutorial)');
    expect(out).toContain('  best reply is also the longest: 2 of 5 beats (40.0 %); at most 40 %: yes');
    expect(out).toContain('  1 of 2 scenarios meet every row');
    expect(out).toContain('  invalid: greedy best; greedy worst; longest reply every beat; most moves every beat; any other length rank every beat; a fixed place in the file every beat; clean walks; random walks');
    expect(out).toContain('Validity: 8 requirements fail');
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^3 scenarios checked against .*rubric\.yaml: 0 errors, \d+ warnings?; validity: 8 requirements fail$/);
  });

  it('--json gives the same figures under validity, and exits 0 when every requirement holds', async () => {
    const run = await securebaseRun(['check', join(folder, 'valid.yaml'), '--validity', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; validity: Record<string, unknown> & { scenarios: Record<string, unknown>[] } };
    expect(report.ok).toBe(true);
    const { scenarios, ...library } = report.validity;
    expect(library).toEqual({
      ok: true, failures: 0, walks: 5000, pathLimit: 100000, maxTurns: 200, skipped: [],
      bestIsLongest: { beats: 3, longest: 1, holds: true },
    });
    const { scenario: _id, holds, ...rows } = scenarioValidity(validFixture(), validityRubric());
    expect(scenarios).toEqual([{ file: expect.stringMatching(/valid\.yaml$/), id: 'valid', ok: holds, ...rows }]);
  });
});
