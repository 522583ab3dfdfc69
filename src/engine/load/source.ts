/**
 * A YAML file as parsed text that still knows where everything came from, so
 * every problem can name its line and column.
 */
import { CORE_SCHEMA, load as loadFast } from 'js-yaml';
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { CODES } from '../errors.js';
import type { Code, Problem } from '../errors.js';

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  /** The document as plain data. */
  readonly data: unknown;
  /** The syntax tree with positions, built only when something must be located. */
  tree(): SyntaxTree;
}

interface SyntaxTree {
  readonly doc: Document;
  readonly lines: LineCounter;
}

function syntaxTree(text: string): SyntaxTree {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}


export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  }
  return out;
}

/** At most this many values in one file, counting every use of an alias: a guard against alias bombs. */
const MAX_VALUES = 5_000_000;

/**
 * Parses YAML text; syntax errors and duplicate keys come back as problems.
 * One fast parser gives the data; the full parser, which knows every
 * position, runs only when there is something to explain or locate.
 */
export function parseYaml(rawText: string, file: string): { source?: YamlSource; problems: Problem[] } {
  const text = normaliseLineEnds(rawText);
  const problem = (message: string, hint: string, line = 1, column = 1): Problem => ({
    code: 'SB_YAML_SYNTAX', severity: CODES.SB_YAML_SYNTAX.severity, file, line, column, path: '', message, hint,
  });
  let data: unknown;
  try {
    // An empty file reads as null.
    data = loadFast(text, { schema: CORE_SCHEMA, json: false }) ?? null;
  } catch (error) {
    return { problems: explainSyntax(text, file, error) };
  }
  if (!withinSize(data)) {
    return { problems: [problem('the file is too large to read: anchors (&name) and aliases (*name) repeat its content too many times',
      'Write the content out instead of repeating aliases.')] };
  }
  let tree: SyntaxTree | undefined;
  const source: YamlSource = { file, data, tree: () => (tree ??= syntaxTree(text)) };
  return { source, problems: reservedKeyProblems(source) };
}

/** A byte-order mark is not text, and lone carriage returns end lines: columns then match what an editor shows. */
function normaliseLineEnds(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
}

/** The full parser's account of what is wrong, located; the fast parser's when the full one sees nothing. */
function explainSyntax(text: string, file: string, fastError: unknown): Problem[] {
  const fallback = (): Problem[] => {
    const mark = (fastError as { mark?: { line: number; column: number } }).mark;
    const reason = (fastError as { reason?: string }).reason ?? (fastError as Error).message;
    const tooDeep = fastError instanceof RangeError;
    return [{
      code: 'SB_YAML_SYNTAX', severity: CODES.SB_YAML_SYNTAX.severity, file,
      line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, path: '',
      message: tooDeep ? 'the file is nested too deeply to read' : firstLine(String(reason)),
      hint: tooDeep ? 'Lists and maps inside each other this deep are not part of any scenario; check the brackets and indentation.' : SYNTAX_HINT,
    }];
  };
  let tree: SyntaxTree;
  try {
    tree = syntaxTree(text);
  } catch {
    return fallback();
  }
  const { doc, lines } = tree;
  let problems: Problem[] = doc.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const code: Code = duplicate ? 'SB_YAML_DUPLICATE_KEY' : 'SB_YAML_SYNTAX';
    return {
      code, severity: CODES[code].severity, file, line: at.line, column: at.col, path: '',
      message: duplicate ? duplicateMessage(text, error.pos[0]) : syntaxMessage(error.message),
      hint: duplicate ? 'Each key may appear once. Rename one of them or merge their contents.' : SYNTAX_HINT,
    };
  });
  // A tab in the indentation also confuses the parser about keys; the tab is the problem to report.
  if (problems.some((p) => p.code === 'SB_YAML_SYNTAX')) {
    problems = problems.filter((p) => p.code !== 'SB_YAML_DUPLICATE_KEY' || !p.message.startsWith('a key'));
  }
  if (!problems.length) return fallback();
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

const SYNTAX_HINT = 'Check indentation (spaces, not tabs), colons after keys, and closing quotes or brackets near here.';

function syntaxMessage(message: string): string {
  if (/call stack|maxDepth/i.test(message)) return 'the file is nested too deeply to read';
  if (message.includes('multiple documents')) return 'the file holds more than one YAML document (a line with "---" starts another)';
  return firstLine(message);
}

/** Counts values without recursion, so deep or aliased data cannot exhaust the stack. */
function withinSize(data: unknown): boolean {
  const stack: unknown[] = [data];
  let count = 0;
  while (stack.length) {
    const value = stack.pop();
    if (++count > MAX_VALUES) return false;
    if (value !== null && typeof value === 'object') stack.push(...Object.values(value));
  }
  return true;
}

/** A "__proto__" key would be silently dropped by validation, so it is refused here, where it is written. */
function reservedKeyProblems(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; path: FieldPath }[] = [{ value: source.data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, Array.isArray(value) ? Number(key) : key];
      if (!Array.isArray(value) && key === '__proto__') {
        problems.push(problemAt(source, 'SB_FIELD_FORMAT', at, `"${key}" is a reserved name (every program object already has it)`,
          'Choose another name for this key.', 'key'));
      }
      stack.push({ value: item, path: at });
    }
  }
  return problems;
}

/** Names the repeated key: the text from the error's position up to its colon. */
function duplicateMessage(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  const line = text.slice(offset, end === -1 ? undefined : end);
  const key = line.split(':')[0]!.trim().replace(/^["']|["']$/g, '');
  const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
  return shown ? `the key "${shown}" appears twice in the same map` : 'a key appears twice in the same map';
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

interface Found {
  node: Node | null;
  keyNode: Node | null;
}

/** Walks the YAML tree along `path` as far as it exists. */
function walk(source: YamlSource, path: FieldPath): { found: Found; depth: number } {
  const { doc } = source.tree();
  let current: unknown = doc.contents;
  let found: Found = { node: doc.contents as Node | null, keyNode: null };
  let depth = 0;
  for (const segment of path) {
    if (isAlias(current)) current = current.resolve(doc);
    let next: Found | undefined;
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair) next = { node: (pair.value as Node | null) ?? (pair.key as Node), keyNode: pair.key as Node };
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item) next = { node: item as Node, keyNode: null };
    }
    if (!next) break;
    found = next;
    current = next.node;
    depth++;
  }
  return { found, depth };
}

/** Line and column of the value (or, with `key`, the key) at `path`, or the deepest part that exists. */
export function locate(source: YamlSource, path: FieldPath, at: 'value' | 'key' = 'value'): { line: number; column: number } {
  try {
    source.tree();
  } catch {
    // Nested beyond what the full parser can walk: the start of the file is all we can say.
    return { line: 1, column: 1 };
  }
  const { found } = walk(source, path);
  const node = at === 'key' && found.keyNode ? found.keyNode : (found.node ?? found.keyNode);
  const offset = node?.range?.[0] ?? 0;
  const pos = source.tree().lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Builds a located problem. */
export function problemAt(
  source: YamlSource,
  code: Code,
  path: FieldPath,
  message: string,
  hint?: string,
  at: 'value' | 'key' = 'value',
): Problem {
  const { line, column } = locate(source, path, at);
  const problem: Problem = { code, severity: CODES[code].severity, file: source.file, line, column, path: formatPath(path), message };
  return hint ? { ...problem, hint } : problem;
}
