import type { z } from 'zod';
import type { NetworkSummary } from '../../src/model/summary.js';
import type { routeQuerySchema } from '../../src/routing/request-schema.js';
import type { nodeSchema } from '../../src/server/areas/network.js';
import type { Problem } from '../../src/server/problem.js';
import type { routeResponseSchema } from '../../src/server/schemas/route-response.js';

/** The API's own schemas give the app its types: a change on the server that breaks the app fails type-checking. */
export type RouteResponse = z.output<typeof routeResponseSchema>;
export type PlannedRoute = RouteResponse['routes'][number];
export type RouteStep = PlannedRoute['steps'][number];
export type NodeMatch = z.output<typeof nodeSchema>;
/** The body of POST /api/route, typed by the very schema the server validates it with. */
export type RouteQuery = z.input<typeof routeQuerySchema>;
export type { NetworkSummary };

/** An error answer of the API, with its message for people and the fields at fault. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblem';
  }
}

async function getJson<T>(response: Response): Promise<T> {
  const isProblem = response.headers.get('content-type')?.startsWith('application/problem+json') ?? false;
  if (!response.ok || isProblem) {
    if (isProblem) throw new ApiProblem((await response.json()) as Problem);
    throw new ApiProblem({
      type: 'about:blank',
      title: response.statusText,
      status: response.status,
      detail: `the server answered ${response.status} ${response.statusText}`,
    });
  }
  return (await response.json()) as T;
}

export async function fetchNetwork(): Promise<GeoJSON.FeatureCollection> {
  return getJson(await fetch('/api/network'));
}

export async function fetchSummary(): Promise<NetworkSummary> {
  return getJson(await fetch('/api/network/summary'));
}

export async function searchNodes(query: string, signal?: AbortSignal): Promise<NodeMatch[]> {
  const params = new URLSearchParams({ q: query, limit: '8' });
  const { nodes } = await getJson<{ nodes: NodeMatch[] }>(
    await fetch(`/api/nodes?${params}`, { signal: signal ?? null }),
  );
  return nodes;
}

export async function planRoute(query: RouteQuery, signal?: AbortSignal): Promise<RouteResponse> {
  return getJson(
    await fetch('/api/route', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(query),
      signal: signal ?? null,
    }),
  );
}
