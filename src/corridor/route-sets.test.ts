import { describe, expect, it } from 'vitest';
import { shortestPathTree, TreeWorkspace } from '../assign/shortest-path.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { classCosts, toCsrOrder } from './problem.js';
import { buildRouteSets, sameSearches, setsFit } from './route-sets.js';
import { scenarioProblem, settingsFor } from './run.js';
import { baseYearScenario, compileScenario, corridorSession } from './session.js';
import type { Lever } from './types.js';

describe('route sets by the penalty method, each search an A* towards the destination', () => {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  const session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));
  const compiled = compileScenario(session, baseYearScenario(session));
  const { problem } = scenarioProblem(session, compiled, settingsFor(compiled.scenario));
  const sets = buildRouteSets(problem, 8);

  it('start each pair with a cheapest route (as plain Dijkstra costs it) and give distinct connected routes', () => {
    const net = problem.network;
    const workspace = new TreeWorkspace(net.nodeCount);
    const costs = problem.classes.map((_, c) => classCosts(problem, c, undefined, new Float64Array(problem.edgeCount)));
    const csrCosts = costs.map((cost) => {
      const csr = toCsrOrder(net, cost);
      for (let k = 0; k < net.linkCount; k++) if (net.toInput[k]! >= problem.graph.edgeCount) csr[k] = Infinity;
      return csr;
    });
    let withRoutes = 0;
    problem.pairs.forEach((pair, p) => {
      const first = sets.pairStart[p]!;
      const outside = sets.pairStart[p + 1]! - 1;
      expect(sets.edges[sets.edgeStart[outside]!]).toBe(pair.outsideEdge);
      shortestPathTree(net, csrCosts[pair.cls]!, pair.from, workspace);
      const best = workspace.dist[pair.to]!;
      if (first === outside) return expect(best).toBe(Infinity);
      withRoutes++;
      const signatures = new Set<string>();
      for (let r = first; r < outside; r++) {
        const route = [...sets.edges.subarray(sets.edgeStart[r]!, sets.edgeStart[r + 1]!)];
        signatures.add(route.join(','));
        // A path from the pair's origin to its destination, edge after edge.
        expect(problem.tail[route[0]!]).toBe(pair.from);
        expect(problem.head[route.at(-1)!]).toBe(pair.to);
        for (let k = 1; k < route.length; k++) expect(problem.tail[route[k]!]).toBe(problem.head[route[k - 1]!]);
        if (r === first) {
          const cost = route.reduce((sum, e) => sum + costs[pair.cls]![e]!, 0);
          expect(Math.abs(cost - best)).toBeLessThanOrEqual(1e-9 * best);
        }
      }
      expect(signatures.size).toBe(outside - first);
    });
    expect(withRoutes).toBeGreaterThan(100);
  });

  it('fit only a problem with the same pairs and edges', () => {
    expect(setsFit(sets, problem)).toBe(true);
    const other = scenarioProblem(
      session,
      compileScenario(session, { ...baseYearScenario(session), year: 2035 }),
      settingsFor(compiled.scenario),
    ).problem;
    // Links that open by 2035 add edges, so the outside edges (after the network's) move.
    expect(other.graph.edgeCount).not.toBe(problem.graph.edgeCount);
    expect(setsFit(sets, other)).toBe(false);
  });

  it('are the same searches in two years with the same links open at the same costs, and then the same sets', () => {
    // The links opening between 2027 and 2030, delayed past 2030, as a sweep's sample may draw.
    const delayed: Lever[] = ['rozanak-herat-rail', 'rasht-astara-rail', 'khash-chabahar-rail'].map((link) => ({
      type: 'open_link',
      link,
      openingYear: 2031,
    }));
    const rail: Lever = { type: 'tariff', multiplier: 0.8, modes: ['rail'], countries: [], links: [], corridors: [] };
    const problemOf = (year: number, levers: Lever[]) =>
      scenarioProblem(
        session,
        compileScenario(session, { ...baseYearScenario(session), year, levers }),
        settingsFor(compiled.scenario),
      ).problem;
    const early = problemOf(2027, [...delayed, rail]);
    const late = problemOf(2030, [...delayed, rail]);
    expect(sameSearches(early, late)).toBe(true);
    expect(buildRouteSets(late, 8)).toEqual(buildRouteSets(early, 8));
    // Other open links (Rasht – Astara opens in 2030), or other costs, are other searches.
    expect(sameSearches(early, problemOf(2030, [...delayed.slice(0, 1), rail]))).toBe(false);
    expect(sameSearches(early, problemOf(2030, delayed))).toBe(false);
  });
});
