/** Reading scenario and rubric files from disk for the command line. */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
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

/** Scenario files among `paths`: files as given, folders searched for *.yaml (the rubric excluded). */
export function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new CliError('SB_FILE_NOT_FOUND', `${shown(path)}: no such file or folder`);
    if (statSync(path).isDirectory()) {
      const found = readdirSync(path, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.ya?ml$/.test(name) && name.split(/[\\/]/).pop() !== RUBRIC_FILE)
        .sort()
        .map((name) => join(path, name));
      files.push(...found);
    } else {
      files.push(path);
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
