/**
 * The `securebase` command. Every failure is reported as `securebase: CODE:
 * message` with a stable exit code; a stack trace would be a bug.
 */
import { parseArgs } from 'node:util';
import { runCheck } from './check.js';
import { GRAPH_FORMATS, runGraph } from './graph.js';
import { CliError, EXIT_USAGE, usageError } from './output.js';
import { runReplay } from './replay.js';
import { runSchema } from './schema.js';
import { MODES, runPlay } from './play.js';
import { runServe } from './serve.js';
import { runUsers } from './users.js';
import { runBackup } from './backup.js';
import { runDemo } from './demo.js';

const HELP = `securebase: the Secure Base scenario tools

Usage:
  securebase check [paths...] [--json] [--strict] [--coverage] [--validity] [--rubric file]
      Validate and analyse scenario files or folders (default: scenarios/).
      Exit 1 on any error, or on any warning with --strict. --coverage also
      prints the 3RS markers, strategies, attachment styles and risk kinds covered.
      --validity also runs the validity suite (greedy, longest, most moves,
      clean and random walks) and exits 1 when a requirement fails.
  securebase replay <file> --choices id1,id2,... [--json] [--rubric file]
      Score a sequence of response ids; prints each turn and the final scores.
  securebase graph <file> [--format ${GRAPH_FORMATS.join('|')}] [--rubric file]
      Print the scenario as a graph (json loads in Stately's visualiser).
  securebase play [file] [--mode ${MODES.join('|')}] [--rubric file]
      Play a session in the terminal (without a file: choose from scenarios/).
  securebase serve [--port N] [--client folder]
      Run the server: the game (dist/, or the built client in --client) and its
      API, on DATABASE_URL (default SQLite at ./data/securebase.db); PORT also
      sets the port. SIGTERM or Ctrl+C finishes requests in flight and stops.
  securebase users create-admin --email E [--name N]
      Create an admin account; the password is read without echo (or from stdin).
  securebase demo [--force] [--seed N]
      Fill an empty database (DATABASE_URL) with a demo programme: two
      supervisors, forty trainees, twelve weeks of attempts. --force replaces
      an earlier demo in a SQLite file.
  securebase backup <file>
      Copy the SQLite database consistently, even while the server runs.
  securebase schema [folder]
      Write scenario.schema.json and rubric.schema.json (default: scenarios/).

The rubric is --rubric, else rubric.yaml beside the scenario, else scenarios/rubric.yaml.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  coverage: { type: 'boolean' },
  validity: { type: 'boolean' },
  rubric: { type: 'string' },
  choices: { type: 'string' },
  format: { type: 'string' },
  mode: { type: 'string' },
  port: { type: 'string' },
  client: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  force: { type: 'boolean' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run "securebase --help".`);
  }
}

function only(positionals: string[], command: string, what: string): string {
  if (positionals.length !== 1) throw usageError(`"${command}" takes exactly one ${what}; got ${positionals.length}. Run "securebase --help".`);
  return positionals[0]!;
}

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : EXIT_USAGE;
  }
  const { values, positionals } = parse(rest);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'check':
      return runCheck({ paths: positionals, json: !!values.json, strict: !!values.strict, coverage: !!values.coverage, validity: !!values.validity, rubric: values.rubric });
    case 'replay': {
      const file = only(positionals, 'replay', 'scenario file');
      if (values.choices === undefined) throw usageError('"replay" needs --choices id1,id2,... (the response ids, in order)');
      const choices = values.choices.split(',').map((c) => c.trim()).filter(Boolean);
      return runReplay({ file, choices, json: !!values.json, rubric: values.rubric });
    }
    case 'graph':
      return runGraph({ file: only(positionals, 'graph', 'scenario file'), format: values.format ?? 'mermaid', rubric: values.rubric });
    case 'play':
      if (positionals.length > 1) throw usageError('"play" takes at most one scenario file');
      return runPlay({ file: positionals[0], mode: values.mode ?? 'practice', rubric: values.rubric });
    case 'serve':
      if (positionals.length) throw usageError('"serve" takes no file; it serves dist/ (or the folder --client names)');
      return runServe({ port: values.port, folder: values.client });
    case 'users':
      if (positionals.length !== 1) throw usageError('"users" takes one action: create-admin');
      return runUsers({ action: positionals[0], email: values.email, name: values.name });
    case 'demo':
      if (positionals.length) throw usageError('"demo" takes no file; it fills the database DATABASE_URL names');
      return runDemo({ force: !!values.force, seed: values.seed });
    case 'backup':
      return runBackup(only(positionals, 'backup', 'target file'));
    case 'schema':
      if (positionals.length > 1) throw usageError('"schema" takes at most one folder');
      return runSchema(positionals[0]);
    default:
      throw usageError(`unknown command "${command}". Commands: check, replay, graph, play, serve, users, demo, backup, schema.`);
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`securebase: ${error.code}: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`securebase: internal error: ${(error as Error)?.message ?? String(error)}\nPlease report this with the command you ran.\n`);
    process.exitCode = EXIT_USAGE + 1;
  }
}
