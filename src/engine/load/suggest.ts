/** Finds the known name an author most likely meant, for "did you mean" hints. */

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate within a typo's reach, or undefined when nothing is close. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** "Did you mean `x`?" or a list of what is allowed, for short lists. */
export function hintFor(word: string, candidates: readonly string[], what: string): string {
  const guess = nearest(word, candidates);
  const list = candidates.length <= 14 ? ` ${what}: ${candidates.join(', ')}.` : '';
  return guess ? `Did you mean "${guess}"?${list}` : list.trim() || `No ${what} is close to "${word}".`;
}
