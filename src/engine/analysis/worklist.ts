/**
 * The order abstract play visits beats in: reverse postorder from the start,
 * so a beat is usually visited after everything that leads into it, and a
 * loop settles before its effects flow on. A min-heap keyed by that order.
 */
import type { Scenario } from '../schema/scenario.js';
import { branchesOf } from '../session/step.js';

/**
 * Position of every beat reachable from start in reverse postorder, and the
 * loop heads: beats that some later beat leads back to. Only a loop head
 * needs widening for abstract play to settle.
 */
export function reversePostorder(scenario: Scenario): { order: Map<string, number>; loopHeads: Set<string> } {
  const visited = new Set<string>();
  const postorder: string[] = [];
  const targetsOf = (id: string): string[] =>
    (scenario.beats[id]?.responses ?? []).flatMap((response) => branchesOf(response).map((b) => b.to)).filter((to) => Object.hasOwn(scenario.beats, to));
  if (!Object.hasOwn(scenario.beats, scenario.start)) return { order: new Map(), loopHeads: new Set() };
  // Iterative depth-first search: long sessions would overflow the call stack.
  const stack: { id: string; targets: string[]; next: number }[] = [{ id: scenario.start, targets: targetsOf(scenario.start), next: 0 }];
  visited.add(scenario.start);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.targets.length) {
      const target = top.targets[top.next++]!;
      if (!visited.has(target)) {
        visited.add(target);
        stack.push({ id: target, targets: targetsOf(target), next: 0 });
      }
    } else {
      postorder.push(top.id);
      stack.pop();
    }
  }
  const order = new Map(postorder.reverse().map((id, index) => [id, index]));
  const loopHeads = new Set<string>();
  for (const [from, position] of order) {
    for (const to of targetsOf(from)) if (order.get(to)! <= position) loopHeads.add(to);
  }
  return { order, loopHeads };
}

/** A set of beats to visit, taken lowest order first. */
export class Worklist {
  private readonly heap: number[] = [];
  private readonly queued = new Set<number>();

  constructor(private readonly order: Map<string, number>, private readonly ids: readonly string[] = [...order.keys()]) {}

  add(id: string): void {
    const position = this.order.get(id);
    if (position === undefined || this.queued.has(position)) return;
    this.queued.add(position);
    const heap = this.heap;
    heap.push(position);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= heap[i]!) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  take(): string | undefined {
    const heap = this.heap;
    if (!heap.length) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left]! < heap[smallest]!) smallest = left;
        if (right < heap.length && heap[right]! < heap[smallest]!) smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    this.queued.delete(top);
    return this.ids[top];
  }
}
