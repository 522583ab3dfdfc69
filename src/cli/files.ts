/** Reading scenario and rubric files from disk for the command line. */
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { loadRubric } from '../engine/index.js';
import type { LoadedRubric, Problem } from '../engine/index.js';
import { CliError } from './output.js';

export const DEFAULT_LIBRARY = 'scenarios';
export const RUBRIC_FILE = 'rubric.yaml';

/** A path as the user would type it from the current directory, with forward slashes. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel).split(sep).join('/');
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? 'SB_FILE_NOT_FOUND' : 'SB_FILE_UNREADABLE',
      code === 'ENOENT' ? `${shown(path)}: no such file` : `${shown(path)}: cannot be read (${code ?? 'unknown error'})`);
  }
}

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

/** YAML files under a folder, depth first; links to folders are not followed, so a loop cannot repeat files. */
function yamlFilesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    const info = lstatSync(path);
    if (info.isDirectory()) found.push(...yamlFilesUnder(path));
    else if (isYaml(name) && name.toLowerCase() !== RUBRIC_FILE && (info.isFile() || (info.isSymbolicLink() && statSync(path).isFile()))) found.push(path);
  }
  return found;
}

/**
 * Scenario files among `paths`: files as given, folders searched for *.yaml
 * (the rubric excluded). A file named twice, or reached twice, counts once.
 */
export function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path)) throw new CliError('SB_FILE_NOT_FOUND', `${shown(path)}: no such file or folder`);
    const isFolder = statSync(path).isDirectory();
    const found = isFolder ? yamlFilesUnder(path) : [path];
    if (isFolder && !found.length) throw new CliError('SB_FILE_NOT_FOUND', `${shown(path)}: no scenario files (*.yaml) in this folder`);
    for (const file of found) {
      const real = realpathSync(file);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(file);
    }
  }
  return files;
}

/** The rubric a scenario is scored by: `--rubric`, else rubric.yaml beside the scenario, else scenarios/rubric.yaml. */
export function rubricPathFor(scenarioPath: string | undefined, explicit: string | undefined): string {
  if (explicit) return explicit;
  if (scenarioPath) {
    const folder = existsSync(scenarioPath) && statSync(scenarioPath).isDirectory() ? scenarioPath : dirname(scenarioPath);
    const beside = join(folder, RUBRIC_FILE);
    if (existsSync(beside)) return beside;
  }
  return join(DEFAULT_LIBRARY, RUBRIC_FILE);
}

export interface RubricFile {
  readonly file: string;
  readonly loaded?: LoadedRubric;
  readonly problems: Problem[];
}

export function readRubric(path: string): RubricFile {
  const file = shown(path);
  return { file, ...loadRubric(readText(path), file) };
}
