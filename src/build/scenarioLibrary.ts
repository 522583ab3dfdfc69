/**
 * A Vite plugin that brings the scenario library into the game at build time.
 * Every scenario in `scenarios/` is checked with the engine: an error fails the
 * build with file:line:col and a hint; in `npm run dev`, saving a scenario
 * reloads it, so an author can write and play in one loop.
 */
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { RUBRIC_FILE, readRubric, readText, scenarioFiles, shown } from '../cli/files.js';
import { checkScenario, duplicateIdProblems, formatProblem, isError } from '../engine/index.js';
import type { Problem } from '../engine/index.js';
import type { Rubric, Scenario } from '../engine/index.js';
import { ruptureTypeOf } from '../engine/vocabulary.js';
import type { RuptureType } from '../engine/vocabulary.js';
import type { LibraryCard, LibraryEntry } from '../game/library.js';

export const LIBRARY_MODULE = 'virtual:securebase-library';
const SCENARIO_MODULE = 'virtual:securebase-scenario/';
const RUBRIC_MODULE = 'virtual:securebase-rubric';
/** Build ids of the modules the library is made of; the size report looks for them. */
export const RESOLVED = { library: `\0${LIBRARY_MODULE}`, scenario: `\0${SCENARIO_MODULE}`, rubric: `\0${RUBRIC_MODULE}` } as const;

export interface CheckedLibrary {
  readonly rubric: Rubric;
  readonly rubricHash: string;
  readonly scenarios: readonly LibraryEntry[];
}

export interface LibraryResult {
  readonly library?: CheckedLibrary;
  readonly problems: Problem[];
  readonly files: string[];
}

/** Reads and checks the library the way `securebase check` does; the game gets only a library with no errors. */
export function readLibrary(folder: string): LibraryResult {
  const rubricPath = join(folder, RUBRIC_FILE);
  const rubricFile = readRubric(rubricPath);
  const paths = scenarioFiles([folder]);
  const files = [rubricPath, ...paths];
  if (!rubricFile.loaded) return { problems: rubricFile.problems, files };
  const checks = paths.map((path) => checkScenario(readText(path), shown(path), rubricFile.loaded!.rubric));
  const problems = [...rubricFile.problems, ...checks.flatMap((c) => c.problems), ...duplicateIdProblems(checks)];
  if (problems.some(isError)) return { problems, files };
  return {
    problems,
    files,
    library: {
      rubric: rubricFile.loaded.rubric,
      rubricHash: rubricFile.loaded.hash,
      // Tutorials first, so a new trainee meets the one that teaches the game before any client.
      scenarios: checks.map((c) => ({ scenario: c.loaded!.scenario, hash: c.loaded!.hash }))
        .sort((a, b) => Number(b.scenario.kind === 'tutorial') - Number(a.scenario.kind === 'tutorial')),
    },
  };
}

function ruptureTypesOf(scenario: Scenario): RuptureType[] {
  const types = new Set(Object.values(scenario.beats).flatMap((beat) => (beat.marker ? [ruptureTypeOf(beat.marker)] : [])));
  return (['withdrawal', 'confrontation'] as const).filter((type) => types.has(type));
}

function cardOf({ scenario, hash }: LibraryEntry): LibraryCard {
  return {
    id: scenario.id, hash, title: scenario.title, summary: scenario.summary,
    // The card needs who the client is, not their background, which the briefing loads with the scenario.
    client: { name: scenario.client.name, age: scenario.client.age, pronouns: scenario.client.pronouns, attachment: scenario.client.attachment, presenting: scenario.client.presenting },
    kind: scenario.kind ?? 'session', setting: scenario.setting ?? null,
    minutes: scenario.minutes ?? null, objectives: scenario.objectives, ruptureTypes: ruptureTypesOf(scenario),
    contentNotes: scenario.content_notes ?? [],
  };
}

/** The index module: the cards, and a loader per scenario so each is its own chunk. */
function indexModule(library: CheckedLibrary): string {
  const loaders = library.scenarios.map(({ scenario }) =>
    `  ${JSON.stringify(scenario.id)}: () => import(${JSON.stringify(SCENARIO_MODULE + scenario.id)}),`);
  return [
    `export default ${JSON.stringify({ rubricHash: library.rubricHash, cards: library.scenarios.map(cardOf) })};`,
    `const loaders = {\n${loaders.join('\n')}\n};`,
    'export const loadScenario = (id) => (Object.hasOwn(loaders, id) ? loaders[id]().then((m) => m.default) : Promise.resolve(undefined));',
    `export const loadRubric = () => import(${JSON.stringify(RUBRIC_MODULE)}).then((m) => m.default);`,
  ].join('\n');
}

export function scenarioLibrary(folder = 'scenarios'): Plugin {
  const root = resolve(folder);
  let checked: CheckedLibrary | undefined;
  return {
    name: 'securebase-scenarios',
    resolveId(source) {
      if (source === LIBRARY_MODULE) return RESOLVED.library;
      if (source === RUBRIC_MODULE) return RESOLVED.rubric;
      if (source.startsWith(SCENARIO_MODULE)) return `\0${source}`;
      return undefined;
    },
    load(id) {
      if (id === RESOLVED.library) {
        const { library, problems, files } = readLibrary(root);
        for (const file of files) this.addWatchFile(file);
        for (const problem of problems.filter((p) => !isError(p))) this.warn(formatProblem(problem));
        const errors = problems.filter(isError);
        if (!library || errors.length) {
          this.error(`the scenario library has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map(formatProblem).join('\n')}`);
        }
        checked = library;
        return indexModule(library);
      }
      if (id === RESOLVED.rubric) return `export default ${JSON.stringify(checked!.rubric)};`;
      if (id.startsWith(RESOLVED.scenario)) {
        const scenarioId = id.slice(RESOLVED.scenario.length);
        const entry = checked!.scenarios.find((s) => s.scenario.id === scenarioId);
        return `export default ${JSON.stringify(entry)};`;
      }
      return undefined;
    },
    handleHotUpdate({ file, server }) {
      if (!resolve(file).startsWith(root) || !/\.ya?ml$/i.test(file)) return undefined;
      for (const module of server.moduleGraph.idToModuleMap.values()) {
        if (module.id?.startsWith('\0virtual:securebase-')) server.moduleGraph.invalidateModule(module);
      }
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
