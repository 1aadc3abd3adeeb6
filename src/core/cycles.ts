// Cycle search over a directed graph of spec IDs, for every caller: the index's dependency cycles
// (strongly connected components, in steps so a big build can pause), the run planner's refusal,
// and lint's shortest cycle through one spec.
import type { Spec } from './model';

/** Out-edges of a node. */
export type Edges = (id: string) => readonly string[];

/**
 * Strongly connected components of the depends_on graph with more than one node, or a self-loop;
 * `within`: only among these IDs (a union of whole components, see ProjectRelations.cycleRegion).
 */
export function findCycles(active: Map<string, Spec>, within?: ReadonlySet<string>): Map<string, string[]> {
  const result = new Map<string, string[]>();
  runToEnd(dependencyCycleSteps(active, within, result, Infinity));
  return result;
}

/** findCycles into `result`, pausing (yielding) after every `stepSize` specs it visits. */
export function dependencyCycleSteps(active: Map<string, Spec>, within: ReadonlySet<string> | undefined, result: Map<string, string[]>, stepSize: number): Generator<void> {
  const nodes = within ? [...within].filter((id) => active.has(id)) : [...active.keys()];
  return cycleSteps(nodes, (id) => active.get(id)!.dependsOn.map((d) => d.value), result, stepSize);
}

/**
 * Every cycle among `nodes` along `edges` (edges to other nodes are not followed): each node on a
 * strongly connected component with more than one node, or on a self-loop, maps to the component
 * ordered along its edges (`orderCycle`). Pauses (yields) after every `stepSize` nodes it visits.
 */
export function* cycleSteps(nodes: readonly string[], edges: Edges, result: Map<string, string[]>, stepSize: number): Generator<void> {
  const members = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;

  const adjacency = new Map<string, readonly string[]>();
  const edgesOf = (id: string) => {
    let out = adjacency.get(id);
    if (!out) adjacency.set(id, (out = edges(id).filter((w) => members.has(w))));
    return out;
  };

  // Iterative Tarjan: recursion would overflow on long chains of 10k specs.
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { id: string; next: readonly string[]; i: number }[] = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: edgesOf(id), i: 0 });
    };
    visit(start);
    if (counter % stepSize === 0) yield;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) {
          visit(w);
          if (counter % stepSize === 0) yield;
        } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1];
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        const selfLoop = component.length === 1 && edgesOf(component[0]).includes(component[0]);
        if (component.length > 1 || selfLoop) {
          const cycle = orderCycle(component, edgesOf);
          for (const id of component) result.set(id, cycle);
        }
      }
    }
  }
}

/** Orders a cycle's members along its edges for a readable message (`a → b → c → a`). */
function orderCycle(component: string[], edges: Edges): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const next = edges(current).find((e) => members.has(e) && !seen.has(e));
    if (!next) break;
    path.push(next);
    seen.add(next);
    current = next;
  }
  return path.length === component.length ? path : component.sort();
}

/**
 * The shortest cycle from `start` back to itself along `edges`, as the nodes from `start` on; a
 * breadth-first search that stops after `maxVisits` nodes, so a huge graph cannot stall typing.
 */
export function shortestCycleThrough(start: string, edges: Edges, maxVisits = 20_000): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length && i < maxVisits; i++) {
    const at = queue[i];
    for (const next of edges(at)) {
      if (next === start) {
        const path = [at];
        for (let p = previous.get(at); p !== undefined; p = previous.get(p)) path.unshift(p);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/**
 * One cycle among `nodes` along `edges` (as `a` waits for `b` waits for … `a`), or undefined: the
 * shortest one through the first node, in sorted order, that lies on a cycle.
 */
export function findCycle(nodes: readonly string[], edges: Edges): string[] | undefined {
  const sorted = [...nodes].sort();
  const cycles = new Map<string, string[]>();
  runToEnd(cycleSteps(sorted, (id) => [...edges(id)].sort(), cycles, Infinity));
  const first = sorted.find((n) => cycles.has(n));
  if (first === undefined) return undefined;
  const component = new Set(cycles.get(first));
  return shortestCycleThrough(first, (id) => [...edges(id)].filter((w) => component.has(w)).sort());
}

/** Runs a stepwise search to its end in one go. */
export function runToEnd(steps: Iterator<void>): void {
  while (!steps.next().done) { /* each step does its work when asked for */ }
}
