/**
 * Scenarios enter the game through the build: a clean library is bundled, and
 * a broken scenario fails the build with file:line:col and a hint.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_MODULE, readLibrary, scenarioLibrary } from '../src/build/scenarioLibrary.js';

const ROOT = join(import.meta.dirname, '..');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A tiny app whose only module imports the library, with the given scenario files. */
function appWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'securebase-build-'));
  folders.push(root);
  mkdirSync(join(root, 'scenarios'));
  copyFileSync(join(ROOT, 'scenarios', 'rubric.yaml'), join(root, 'scenarios', 'rubric.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'scenarios', name), text);
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
  writeFileSync(join(root, 'main.js'), `import library from '${LIBRARY_MODULE}'; document.title = String(library.cards.length);`);
  return root;
}

const small = readFileSync(join(ROOT, 'tests', 'fixtures', 'small.yaml'), 'utf8');

describe('the scenario library in the build', () => {
  it('bundles every scenario with its content hash', () => {
    const { library, problems } = readLibrary(join(ROOT, 'scenarios'));
    expect(problems).toEqual([]);
    expect(library!.scenarios.map((s) => s.scenario.id)).toContain('maya-after-cancellation');
    expect(library!.rubricHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists tutorials before the sessions, so a new trainee meets the one that teaches the game first', () => {
    const tutorial = small.replace('format: 1\n', 'format: 1\nkind: tutorial\n').replace(/^id: .*$/m, 'id: zz-tutorial');
    const root = appWith({ 'small.yaml': small, 'zz-tutorial.yaml': tutorial });
    const { library, problems } = readLibrary(join(root, 'scenarios'));
    expect(problems).toEqual([]);
    expect(library!.scenarios.map((s) => s.scenario.kind ?? 'session')).toEqual(['tutorial', 'session']);
  });

  it('fails the build on a broken scenario, naming file, line, column and a hint', async () => {
    const root = appWith({ 'small.yaml': small.replace('        next: hurt\n', '        next: hurtt\n') });
    const building = build({ root, configFile: false, logLevel: 'silent', plugins: [scenarioLibrary(join(root, 'scenarios'))], build: { outDir: join(root, 'dist') } });
    await expect(building).rejects.toThrow(/scenarios\/small\.yaml:34:15 error SB_ID_UNKNOWN: "hurtt" is not a beat or ending[\s\S]*Did you mean "hurt"\?/);
  });

  it('builds a clean library', async () => {
    const root = appWith({ 'small.yaml': small });
    await build({ root, configFile: false, logLevel: 'silent', plugins: [scenarioLibrary(join(root, 'scenarios'))], build: { outDir: join(root, 'dist') } });
    expect(readFileSync(join(root, 'dist', 'index.html'), 'utf8')).toContain('<script');
  });
});
