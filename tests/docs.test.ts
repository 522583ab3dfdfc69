/**
 * The docs never drift from the code: every YAML example in README.md and
 * docs/ loads, every error code is documented, and the committed JSON Schemas
 * are the ones the schema module generates.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { API_ERRORS } from '../src/api/errors.js';
import { describe, expect, it } from 'vitest';
import { CODES, formatProblem, isError, loadRubric, loadScenario } from '../src/engine/index.js';
import { SCHEMA_FILES, schemaText } from '../src/cli/schema.js';
import { LIBRARY, shippedRubric } from './support/library.js';

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
