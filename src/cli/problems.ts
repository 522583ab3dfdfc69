import { formatProblem, isError } from '../engine/index.js';
import type { Problem } from '../engine/index.js';
import { CliError } from './output.js';

/** Stops a command on a file with errors, printing every problem located. */
export function failOnProblems(problems: readonly Problem[]): void {
  const errors = problems.filter(isError);
  if (!errors.length) return;
  throw new CliError(errors[0]!.code, `${errors.length === 1 ? 'the file has an error' : `the file has ${errors.length} errors`}:\n${errors.map(formatProblem).join('\n')}`);
}
