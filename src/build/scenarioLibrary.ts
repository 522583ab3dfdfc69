/**
 * A Vite plugin that brings the scenario library into the game at build time.
 * Every scenario in `scenarios/` is checked with the engine: an error fails the
 * build with file:line:col and a hint; in `npm run dev`, saving a scenario
 * reloads it, so an author can write and play in one loop.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { checkScenario, duplicateIdProblems, formatProblem, isError, loadRubric } from '../engine/index.js';
import type { Problem } from '../engine/index.js';
import type { GameLibrary } from '../game/library.js';

export const LIBRARY_MODULE = 'virtual:securebase-library';
const RESOLVED = `\0${LIBRARY_MODULE}`;

export interface LibraryResult {
  readonly library?: GameLibrary;
  readonly problems: Problem[];
  readonly files: string[];
}

/** Reads and checks the library; the game gets only a library with no errors. */
export function readLibrary(folder: string): LibraryResult {
  const shown = (path: string) => relative(process.cwd(), path).split(sep).join('/');
  const rubricPath = join(folder, 'rubric.yaml');
  const rubricFile = loadRubric(readFileSync(rubricPath, 'utf8'), shown(rubricPath));
  const files = [rubricPath];
  if (!rubricFile.loaded) return { problems: rubricFile.problems, files };
  const checks = readdirSync(folder)
    .filter((name) => /\.ya?ml$/i.test(name) && name.toLowerCase() !== 'rubric.yaml')
    .sort()
    .map((name) => {
      const path = join(folder, name);
      files.push(path);
      return checkScenario(readFileSync(path, 'utf8'), shown(path), rubricFile.loaded!.rubric);
    });
  const problems = [...rubricFile.problems, ...checks.flatMap((c) => c.problems), ...duplicateIdProblems(checks)];
  if (problems.some(isError)) return { problems, files };
  return {
    problems,
    files,
    library: {
      rubric: rubricFile.loaded.rubric,
      rubricHash: rubricFile.loaded.hash,
      scenarios: checks.map((c) => ({ scenario: c.loaded!.scenario, hash: c.loaded!.hash })),
    },
  };
}

export function scenarioLibrary(folder = 'scenarios'): Plugin {
  const root = resolve(folder);
  return {
    name: 'securebase-scenarios',
    resolveId(source) {
      return source === LIBRARY_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { library, problems, files } = readLibrary(root);
      for (const file of files) this.addWatchFile(file);
      for (const problem of problems.filter((p) => !isError(p))) this.warn(formatProblem(problem));
      const errors = problems.filter(isError);
      if (!library || errors.length) {
        this.error(`the scenario library has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map(formatProblem).join('\n')}`);
      }
      return `export default ${JSON.stringify(library)};`;
    },
    handleHotUpdate({ file, server }) {
      if (!resolve(file).startsWith(root) || !/\.ya?ml$/i.test(file)) return undefined;
      const module = server.moduleGraph.getModuleById(RESOLVED);
      if (module) server.moduleGraph.invalidateModule(module);
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
