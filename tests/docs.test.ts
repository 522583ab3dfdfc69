/**
 * The docs never drift from the code: every YAML example in README.md and
 * docs/ loads, every error code is documented, the committed JSON Schemas
 * are the ones the schema module generates, and every section of the clinical
 * reference (docs/clinical.md) that a scenario cites exists.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { API_ERRORS } from '../src/api/errors.js';
import { describe, expect, it } from 'vitest';
import { CODES, formatProblem, isError, loadRubric, loadScenario } from '../src/engine/index.js';
import { SCHEMA_FILES, schemaText } from '../src/cli/schema.js';
import { LIBRARY, scenarioFileNames, shippedRubric } from './support/library.js';

const ROOT = join(import.meta.dirname, '..');
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const { rubric } = shippedRubric();

function yamlBlocks(page: string): { text: string; line: number }[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const blocks: { text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    blocks.push({ text: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

const withExamples = pages.filter((page) => yamlBlocks(page).length > 0);

it('the format page carries YAML examples to test', () => {
  expect(withExamples).toContain('docs/scenario-format.md');
});

describe.each(withExamples)('%s', (page) => {
  it('every YAML example loads without errors', () => {
    for (const { text, line } of yamlBlocks(page)) {
      const file = `${page}:${line}`;
      const { problems } = text.includes('resolution_bonus:') ? loadRubric(text, file) : loadScenario(text, file, rubric);
      const errors = problems.filter(isError).filter((p) => p.code !== 'SB_FILE_NAME_MISMATCH');
      expect(errors.map(formatProblem)).toEqual([]);
    }
  });
});

it('docs/errors.md explains every code in the catalogue', () => {
  const page = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
  const missing = Object.keys(CODES).filter((code) => !page.includes(code));
  expect(missing).toEqual([]);
});

it('docs/api.md lists every API error code with its status', () => {
  const page = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
  const missing = Object.entries(API_ERRORS).filter(([code, { status }]) => !page.includes(`| \`${code}\` | ${status} |`)).map(([code]) => code);
  expect(missing).toEqual([]);
});

it('the committed JSON Schemas are the ones the schema module generates (run `npx securebase schema`)', () => {
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    expect(readFileSync(join(LIBRARY, name), 'utf8'), name).toBe(schemaText(schema));
  }
});

describe('docs/clinical.md, the clinical reference the scenarios cite', () => {
  const reference = readFileSync(join(ROOT, 'docs', 'clinical.md'), 'utf8');

  /**
   * What a citation can name: a section (`## 5. …` is §5), a lettered subsection
   * (`### 2a. …` is §2a), or an item of a section's top-level numbered list
   * (`2. **Detect before repairing.**` under `## 8.` is §8.2).
   */
  function sectionsOf(page: string): Set<string> {
    const found = new Set<string>();
    let section: string | null = null;
    for (const line of page.split('\n')) {
      const heading = /^## (\d+)\. /.exec(line);
      if (heading) {
        section = heading[1]!;
        found.add(section);
        continue;
      }
      const sub = /^### (\d+[a-z])\. /.exec(line);
      if (sub) {
        found.add(sub[1]!);
        continue;
      }
      const item = /^(\d+)\. /.exec(line);
      if (item && section) found.add(`${section}.${item[1]}`);
    }
    return found;
  }

  /** The §s cited in a file's opening comment (its leading `#` lines), as written. */
  function openingCitations(text: string): string[] {
    const lines = text.split('\n');
    const end = lines.findIndex((line) => !line.startsWith('#'));
    const opening = lines.slice(0, end === -1 ? lines.length : end).join('\n');
    return [...opening.matchAll(/§(\d+[a-z]?(?:\.\d+)?)/g)].map((match) => match[1]!);
  }

  const sections = sectionsOf(reference);
  const missingFrom = (text: string) => openingCitations(text).filter((cited) => !sections.has(cited)).map((cited) => `§${cited}`);

  it('says it is the project\'s reference and keeps its numbered sections', () => {
    expect(reference.split('\n').slice(0, 4).join('\n')).toMatch(/Secure Base's clinical reference/);
    expect([...sections].filter((s) => /^\d+$/.test(s))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    for (const cited of ['2a', '2b', '2c', '8.1', '8.8']) expect(sections.has(cited), cited).toBe(true);
    expect(sections.has('8.9')).toBe(false);
  });

  it('catches a citation of a section it does not have', () => {
    const planted = '# Clinical grounding: clinical.md\n#   §2a markers; §2d strategies; §9 extras; §8.9 more\nformat: 1\n# §7 is below the opening\n';
    expect(openingCitations(planted)).toEqual(['2a', '2d', '9', '8.9']);
    expect(missingFrom(planted)).toEqual(['§2d', '§9', '§8.9']);
  });

  it.each(scenarioFileNames())('every section %s cites in its opening comment exists in docs/clinical.md', (name) => {
    const text = readFileSync(join(LIBRARY, name), 'utf8');
    expect(openingCitations(text).length).toBeGreaterThan(0);
    expect(missingFrom(text)).toEqual([]);
  });

  it('every section the rubric cites exists in docs/clinical.md', () => {
    const text = readFileSync(join(LIBRARY, 'rubric.yaml'), 'utf8');
    const cited = [...text.matchAll(/§(\d+[a-z]?(?:\.\d+)?)/g)].map((match) => match[1]!);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((s) => !sections.has(s)).map((s) => `§${s}`)).toEqual([]);
  });

  it('is linked from the authoring guide, the format page and the README', () => {
    expect(readFileSync(join(ROOT, 'docs', 'authoring.md'), 'utf8')).toContain('](clinical.md)');
    expect(readFileSync(join(ROOT, 'docs', 'scenario-format.md'), 'utf8')).toContain('](clinical.md)');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](docs/clinical.md)');
  });
});
