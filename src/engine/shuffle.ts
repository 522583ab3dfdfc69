/**
 * The order a beat's replies are shown in. File order carries no meaning
 * (scoring.md, "Options are shown in a shuffled order"): each attempt sees a
 * beat's replies shuffled by a generator seeded with the attempt id and the
 * beat id, so a reload, a replay and the supervisor's review show the order
 * the trainee saw. Integers only, so every JavaScript engine agrees.
 */

/** FNV-1a over the UTF-16 code units: a 32-bit seed from any string. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small, well-mixed 32-bit generator; each call gives an integer in [0, 2^32). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * A permutation of `items`, the same for the same attempt and beat. The unit
 * separator keeps ("a", "bc") and ("ab", "c") apart.
 */
export function shuffledFor<T>(items: readonly T[], attemptId: string, beatId: string): T[] {
  const next = generator(seedOf(`${attemptId}\u001f${beatId}`));
  const order = [...items];
  // Fisher–Yates; `% (i + 1)` has a bias below 1e-9 for six replies, which no trainee can notice.
  for (let i = order.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
