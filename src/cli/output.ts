/** How the command line reports: plain text for people, JSON for tools, stable exit codes. */
import type { Code } from '../engine/index.js';

export const EXIT_OK = 0;
/** The input has errors (or warnings under --strict). */
export const EXIT_PROBLEMS = 1;
/** The command was used wrongly. */
export const EXIT_USAGE = 2;

/** A failure the user can act on; printed as `securebase: CODE: message`, never as a stack trace. */
export class CliError extends Error {
  constructor(readonly code: Code, message: string, readonly exitCode: number = EXIT_PROBLEMS) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError('SB_CLI_USAGE', message, EXIT_USAGE);

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Left-aligned columns, for per-turn tables. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
