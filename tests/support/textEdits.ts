/** Editing a YAML text by exact snippets, and finding where a snippet lands, for located-problem tests. */

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** `base` with each `[from, to]` applied in turn; every `from` must occur exactly once. */
export function edited(base: string, edits: readonly (readonly [string, string])[]): string {
  let text = base;
  for (const [from, to] of edits) {
    if (occurrences(text, from) !== 1) throw new Error(`edit: expected exactly one ${JSON.stringify(from)}`);
    text = text.replace(from, () => to);
  }
  return text;
}

/** Line and column (from 1) of `target`, found inside the one occurrence of `anchor`. */
export function where(text: string, anchor: string, target: string = anchor): { line: number; column: number } {
  if (occurrences(text, anchor) !== 1) throw new Error(`position: expected exactly one ${JSON.stringify(anchor)}`);
  const inAnchor = anchor.indexOf(target);
  if (inAnchor < 0) throw new Error(`position: ${JSON.stringify(target)} is not inside ${JSON.stringify(anchor)}`);
  const offset = text.indexOf(anchor) + inAnchor;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
