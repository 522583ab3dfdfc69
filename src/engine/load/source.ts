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

/** Anchors and aliases: the full parser guards against alias bombs, so such files take the slow path. */
const MAY_HAVE_ALIASES = /[&*][^\s,[\]{}]/;

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  }
  return out;
}

/**
 * Parses YAML text; syntax errors and duplicate keys come back as problems.
 * A fast parser reads well-formed files; the full parser, which knows every
 * position, runs only when there is something to locate.
 */
export function parseYaml(text: string, file: string): { source?: YamlSource; problems: Problem[] } {
  if (!MAY_HAVE_ALIASES.test(text)) {
    try {
      // An empty file reads as null with either parser.
      const data = loadFast(text, { schema: CORE_SCHEMA, json: false }) ?? null;
      let tree: SyntaxTree | undefined;
      return { source: { file, data, tree: () => (tree ??= syntaxTree(text)) }, problems: [] };
    } catch {
      // Fall through: the full parser explains what is wrong, and where.
    }
  }
  const tree = syntaxTree(text);
  const { doc, lines } = tree;
  const problems: Problem[] = doc.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const code: Code = duplicate ? 'SB_YAML_DUPLICATE_KEY' : 'SB_YAML_SYNTAX';
    return {
      code,
      severity: CODES[code].severity,
      file,
      line: at.line,
      column: at.col,
      path: '',
      message: duplicate ? duplicateMessage(text, error.pos[0]) : firstLine(error.message),
      hint: duplicate
        ? 'Each key may appear once. Rename one of them or merge their contents.'
        : 'Check indentation (spaces, not tabs), colons after keys, and closing quotes or brackets near here.',
    };
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.length > 0) return { problems };
  let data: unknown;
  try {
    data = plainData(doc.toJS({ maxAliasCount: 1000 }));
  } catch (error) {
    // The yaml library refuses documents whose aliases would expand without bound.
    return { problems: [{
      code: 'SB_YAML_SYNTAX', severity: CODES.SB_YAML_SYNTAX.severity, file, line: 1, column: 1, path: '',
      message: `the file cannot be read: ${firstLine((error as Error).message)}`,
      hint: 'Anchors (&name) and aliases (*name) are repeated too often. Write the content out instead.',
    }] };
  }
  return { source: { file, data, tree: () => tree }, problems };
}

/** Names the repeated key: the text from the error's position up to its colon. */
function duplicateMessage(text: string, offset: number): string {
  const line = text.slice(offset, text.indexOf('\n', offset) === -1 ? undefined : text.indexOf('\n', offset));
  const key = line.split(':')[0]!.trim().replace(/^["']|["']$/g, '');
  const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
  return shown ? `the key "${shown}" appears twice in the same map` : 'a key appears twice in the same map';
}

/** Tags like !!binary or !!timestamp give non-plain values; as text they are at least explainable. */
function plainData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainData);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return String(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = plainData(item);
  return out;
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
